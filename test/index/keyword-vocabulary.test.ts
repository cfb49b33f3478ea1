// The keyword index's vocabulary at load: exact terms are found through a typed hash, and MiniSearch's radix tree is
// made only when a prefix or typo expansion first needs it (or the warm-up asks for it), with the same answers.

import { beforeAll, describe, expect, it } from 'vitest'
import { keywordDocument } from '../../src/index/build.js'
import { KeywordIndex, type KeywordDocument } from '../../src/index/keyword.js'
import { loadCorpus } from '../../src/ingest/load.js'
import { analyze } from '../../src/text/analyzer.js'

let documents: KeywordDocument[]
let bytes: Buffer
beforeAll(async () => {
  documents = (await loadCorpus('seeds')).passages.map(keywordDocument)
  bytes = KeywordIndex.build(documents).toBuffer()
})

/** Whether the index has made its radix tree yet (a private field, read here to prove the laziness). */
const treeMade = (index: KeywordIndex) => Reflect.get(index, 'tree') !== null

const answer = (index: KeywordIndex, terms: string[], options: { prefixLast?: boolean; fuzzy?: boolean }) =>
  index.search(terms, options).map((m) => [m.id, m.score, m.terms])

describe('the vocabulary at load', () => {
  it('finds every index term by its exact form as the radix tree does, and nothing else', () => {
    const index = KeywordIndex.fromBuffer(bytes)
    const listed = index.termsWithPrefix('')
    expect(listed.length).toBeGreaterThan(1000)
    for (const [term, id] of listed) expect(index.termId(term)).toBe(id)
    for (const term of ['', 'zzzz', listed[0]![0] + 'zzz', listed[5]![0].slice(0, -1) + '\u00e9']) {
      if (!listed.some(([t]) => t === term)) expect(index.termId(term)).toBe(-1)
    }
  })

  it('finds every folded word by its written form (its row in the word postings), -1 for one no passage holds', () => {
    const index = KeywordIndex.fromBuffer(bytes)
    const words = index.data.words
    expect(words.length).toBeGreaterThan(1000)
    words.forEach((word, id) => expect(index.wordId(word)).toBe(id))
    for (const absent of ['', 'zzzz', `${words[0]}zzz`, words[7]!.slice(0, -1), words[9]!.toUpperCase()]) {
      if (!words.includes(absent)) expect(index.wordId(absent), absent).toBe(-1)
    }
    // A word many passages hold: its row has their postings.
    const migrants = index.wordId('migrants')
    expect(index.data.wordPostings.offsets[migrants + 1]! - index.data.wordPostings.offsets[migrants]!).toBeGreaterThan(10)
  })

  it('lists the terms of a prefix, the same when asked again (remembered) and for each prefix its own', () => {
    const index = KeywordIndex.fromBuffer(bytes)
    const all = index.termsWithPrefix('')
    for (const prefix of ['mig', 'migr', 'prot', 'migr', 'zzzz', 'pro', 'prot']) {
      const expected = all.filter(([term]) => term.startsWith(prefix)).sort((a, b) => a[1] - b[1])
      expect([...index.termsWithPrefix(prefix)].sort((a, b) => a[1] - b[1])).toEqual(expected)
    }
    expect(index.termsWithPrefix('migr').length).toBeGreaterThan(0)
    expect(index.termsWithPrefix('mig').length).toBeGreaterThan(index.termsWithPrefix('migr').length - 1)
  })

  it('makes no radix tree for exact terms, then one on the first prefix or typo expansion', () => {
    const index = KeywordIndex.fromBuffer(bytes)
    expect(treeMade(index)).toBe(false)
    index.search(['migr', 'trafic'], { prefixLast: false, fuzzy: false })
    index.inText('migr')
    expect(treeMade(index)).toBe(false)
    index.search(['migr'], { prefixLast: true, fuzzy: false })
    expect(treeMade(index)).toBe(true)
    const typo = KeywordIndex.fromBuffer(bytes)
    typo.search(['traffic'], { prefixLast: false, fuzzy: true })
    expect(treeMade(typo)).toBe(true)
    const warmed = KeywordIndex.fromBuffer(bytes)
    warmed.prepare()
    expect(treeMade(warmed)).toBe(true)
  })

  it('answers exact, prefix and typo queries as an index whose tree was made first', () => {
    const queries: Array<[string[], { prefixLast?: boolean; fuzzy?: boolean }]> = [
      [['migr', 'trafic'], { prefixLast: false, fuzzy: false }],
      [['coop', 'internat'], {}],
      [['trafiquant', 'migrnt'], {}],
      [['protect'], { fuzzy: false }],
      [['victim', 'temoin'], { prefixLast: false }],
    ]
    for (const [terms, options] of queries) {
      const lazy = KeywordIndex.fromBuffer(bytes)
      const eager = KeywordIndex.fromBuffer(bytes)
      eager.prepare()
      expect(answer(lazy, terms, options)).toEqual(answer(eager, terms, options))
    }
  })
})

describe('inText, which the translator asks whether the corpus holds a stem', () => {
  it('is true for a stem of some passage text only: not for one only in a heading, a prefix of a stem, or an unknown word', () => {
    const index = KeywordIndex.fromBuffer(
      KeywordIndex.build([
        { id: 'a', text: 'Les migrants objets du trafic', section: 'Coopération internationale' },
        { id: 'b', text: 'Les passeurs', section: '' },
      ]).toBuffer(),
    )
    const [migrant] = analyze('migrants')
    const [passeur] = analyze('passeurs')
    const [cooperation] = analyze('Coopération')
    expect(index.inText(migrant!)).toBe(true)
    expect(index.inText(passeur!)).toBe(true)
    expect(index.termId(cooperation!)).toBeGreaterThanOrEqual(0) // a term of the index, in the heading field only
    expect(index.inText(cooperation!)).toBe(false)
    expect(index.inText(migrant!.slice(0, 3))).toBe(false)
    expect(index.inText('zzzz')).toBe(false)
  })
})
