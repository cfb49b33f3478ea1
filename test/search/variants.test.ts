import { beforeAll, describe, expect, it } from 'vitest'
import { sameWord, wordDiff } from '../../src/search/diff.js'
import { VariantIndex } from '../../src/search/variants.js'
import { VARIANT_THRESHOLD } from '../../src/variants/group.js'
import type { Engine } from '../../src/search/engine.js'
import { seedEngine } from '../helpers.js'

const R2012 = '000_f4384e2a98d04a30'
const C2015 = '001_f3a438cdd34e73ea'
const M2021 = '003_b17467f420381ed3'

describe('sameWord: OCR damage is not a change', () => {
  it.each([
    ['controle', 'contrdle'], // ô read as d
    ['renforcant', 'renforgant'], // ç read as g
    ['questions', 'guestions'],
    ['legislation', 'iegislation'], // capital I for l
    ['etats', 'fetats'], // É read as FE
    ['phenomene', 'phenomeene'], // è read as eé
    ['ii', '11'],
  ])('%s = %s', (a, b) => expect(sameWord(a, b)).toBe(true))

  it.each([
    ['du', 'ou'], // two real words: confusions count only in longer words
    ['informer', 'informe'],
    ['droit', 'droits'],
    ['agree', 'agreee'], // agréé/agréée is an agreement, not damage
    ['lutter', 'lutte'],
  ])('%s ≠ %s', (a, b) => expect(sameWord(a, b)).toBe(false))
})

describe('wordDiff', () => {
  it('reports nothing when two wordings differ only by accents, OCR and punctuation', () => {
    const { changes, segments } = wordDiff(
      'Les Etats parties devraient adopter une approche globale visant & prévenir le contrdle, a I’encontre des enquétes.',
      'Les États parties devraient adopter une approche globale visant à prévenir le contrôle à l’encontre des enquêtes.',
    )
    expect(changes).toEqual([])
    expect(segments).toEqual([{ op: 'equal', text: 'Les États parties devraient adopter une approche globale visant à prévenir le contrôle à l’encontre des enquêtes.' }])
  })

  it('gives inserted words as the newer text writes them and deleted ones as the older did', () => {
    const older = 'Les Etats parties devraient, le cas échéant, faire en sorte que les enquétes aient lieu.'
    const newer = 'Les États parties devraient, le cas échéant, veiller à ce que des enquêtes soient menées.'
    const { changes, segments } = wordDiff(older, newer)
    expect(changes).toEqual([
      { op: 'delete', text: 'faire en sorte' },
      { op: 'insert', text: 'veiller à ce' },
      { op: 'delete', text: 'les' },
      { op: 'insert', text: 'des' },
      { op: 'delete', text: 'aient lieu' },
      { op: 'insert', text: 'soient menées' },
    ])
    // Equal and inserted segments give back the newer text exactly; deletions sit where the words were.
    expect(segments.filter((s) => s.op !== 'delete').map((s) => s.text).join('')).toBe(newer)
    expect(segments.slice(0, 3)).toEqual([
      { op: 'equal', text: 'Les États parties devraient, le cas échéant, ' },
      { op: 'delete', text: 'faire en sorte' },
      { op: 'insert', text: 'veiller à ce' },
    ])
  })

  it('handles an empty side', () => {
    expect(wordDiff('', 'Deux mots.').changes).toEqual([{ op: 'insert', text: 'Deux mots' }])
    expect(wordDiff('Deux mots.', '').changes).toEqual([{ op: 'delete', text: 'Deux mots' }])
  })
})

describe('VariantIndex', () => {
  it('collapses a ranked list to the best-ranked member of each group', () => {
    const index = new VariantIndex([{ id: 'x', members: ['x', 'y'] }])
    expect(index.collapse([{ id: 'y' }, { id: 'z' }, { id: 'x' }]).map((h) => h.id)).toEqual(['y', 'z'])
  })
})

describe('variants in the seeds', () => {
  let engine: Engine
  beforeAll(async () => {
    engine = (await seedEngine()).engine
  })

  it('groups the 2012 recommendations with their restatement in the 2015 compendium', () => {
    // 55 recommendations of 2012 restated in 2015, the founding paragraph restated in 2015 and 2021, and the first
    // meeting's dates restated in 2021.
    expect(engine.variants.groups.length).toBe(57)
    expect(engine.variants.groupOf(`${C2015}.p34`)).toEqual({ id: `${R2012}.p12`, members: [`${R2012}.p12`, `${C2015}.p34`] })
    expect(engine.variants.groupOf(`${C2015}.p36`)?.members).toEqual([`${R2012}.p16`, `${C2015}.p36`])
    expect(engine.variants.groupOf(`${M2021}.p1`)?.members).toEqual([`${R2012}.p1`, `${C2015}.p1`, `${M2021}.p1`])
    // The first meeting, 2012 ¶59 and 2021 ¶3: with the scan's "1% juin" read as "1er juin", they share 13 of 23
    // content stems (0.57), where they shared 12 of 24 (0.5) while the 2012 date was unreadable.
    expect(engine.variants.groupOf(`${M2021}.p3`)?.members).toEqual([`${R2012}.p59`, `${M2021}.p3`])
    expect(VARIANT_THRESHOLD).toBe(0.55)
  })

  it('2012 ¶12 and 2015 ¶34 differ only by OCR damage: no change', () => {
    const diff = wordDiff(engine.passage(`${R2012}.p12`)!.passage.text, engine.passage(`${C2015}.p34`)!.passage.text)
    expect(diff.changes).toEqual([])
  })

  it('2012 ¶16 → 2015 ¶36: the rewording of parallel financial investigations, word by word', () => {
    const diff = wordDiff(engine.passage(`${R2012}.p16`)!.passage.text, engine.passage(`${C2015}.p36`)!.passage.text)
    expect(diff.changes).toEqual([
      { op: 'delete', text: 'Lorsqu’ils enquétent' },
      { op: 'insert', text: 'Parallèlement aux enquêtes' },
      { op: 'delete', text: 'engagent des' },
      { op: 'insert', text: 'aux' },
      { op: 'delete', text: 'concernant' },
      { op: 'insert', text: 'visant' },
      { op: 'delete', text: 'faire en sorte' },
      { op: 'insert', text: 'veiller à ce' },
      { op: 'delete', text: 'les' },
      { op: 'insert', text: 'des' },
      { op: 'delete', text: 'aient lieu parallelement' },
      { op: 'insert', text: 'soient menées' },
      { op: 'delete', text: 'obtenu a la suite' },
      { op: 'delete', text: 'cette' },
      { op: 'insert', text: 'ce type' },
    ])
  })
})
