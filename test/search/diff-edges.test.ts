// The word diff's limits, the variant groups as search sees them and the repaired text shown to people, on
// hand-written words and texts (variants.test.ts and repair-stored.test.ts read the seeds).

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sameWord, wordDiff } from '../../src/search/diff.js'
import { TextRepair } from '../../src/search/repair.js'
import { VARIANTS_LISTED, VariantIndex, variantSummary } from '../../src/search/variants.js'
import type { Citation } from '../../src/types.js'

const both = (a: string, b: string) => [sameWord(a, b), sameWord(b, a)]

describe('sameWord at its limits', () => {
  it('a letter confusion counts from four letters on; a digit confusion in any word', () => {
    expect(both('cols', 'cdls')).toEqual([true, true])
    expect(both('col', 'cdl')).toEqual([false, false])
    expect(both('i', '1')).toEqual([true, true])
    expect(both('l', '1')).toEqual([true, true])
    expect(both('l', 'i')).toEqual([false, false])
  })

  it('at most two confusions, each one of the known pairs', () => {
    expect(both('legislation', 'iegisiation')).toEqual([true, true])
    expect(both('legislation', 'iecisiation')).toEqual([false, false])
    // Same length, one letter that is no known confusion.
    expect(both('controle', 'contrxle')).toEqual([false, false])
    // A known pair in one place, an unknown one in another.
    expect(both('controle', 'contrdlx')).toEqual([false, false])
    for (const [a, b] of [['garcon', 'gargon'], ['question', 'guestion'], ['controle', 'contrdle'], ['premiere', 'premicre'], ['italie', 'ltalie'], ['11', 'ii'], ['1l', 'll']]) {
      expect(both(a!, b!), `${a} ${b}`).toEqual([true, true])
    }
  })

  it('É read as FE: from five letters, and only a leading f', () => {
    expect(both('etats', 'fetats')).toEqual([true, true])
    expect(both('etat', 'fetat')).toEqual([false, false])
    expect(both('etats', 'xetats')).toEqual([false, false])
    // fe at the start, but the rest is not the shorter word.
    expect(both('etats', 'feetat')).toEqual([false, false])
  })

  it('è read as eé: from six letters, only a doubled e', () => {
    expect(both('repere', 'reperee')).toEqual([true, true])
    expect(both('repere', 'repeere')).toEqual([true, true])
    expect(both('agree', 'agreee')).toEqual([false, false])
    expect(both('repere', 'repereé')).toEqual([false, false])
    expect(both('repere', 'reperxe')).toEqual([false, false])
    // An added letter that is not e, after an e.
    expect(both('repere', 'repeare')).toEqual([false, false])
  })

  it('words two letters apart in length are different words', () => {
    expect(both('etats', 'ffetats')).toEqual([false, false])
    expect(both('phenomene', 'phenomeeene')).toEqual([false, false])
  })
})

describe('wordDiff at its edges', () => {
  it('a lone & is à, at the start of the text too; an & inside a word is not', () => {
    expect(wordDiff('& la fin', 'à la fin').changes).toEqual([])
    expect(wordDiff('visant & prévenir', 'visant à prévenir').changes).toEqual([])
    expect(wordDiff('la R&D', 'la RàD').changes).toEqual([
      { op: 'delete', text: 'R&D' },
      { op: 'insert', text: 'RàD' },
    ])
  })

  it('a deletion at the end sits after the last word, the text after it kept', () => {
    const newer = 'le trafic de migrants.'
    const { changes, segments } = wordDiff('le trafic illicite de migrants par mer.', newer)
    expect(changes).toEqual([
      { op: 'delete', text: 'illicite' },
      { op: 'delete', text: 'par mer' },
    ])
    expect(segments).toEqual([
      { op: 'equal', text: 'le trafic ' },
      { op: 'delete', text: 'illicite' },
      { op: 'equal', text: 'de migrants' },
      { op: 'delete', text: 'par mer' },
      { op: 'equal', text: '.' },
    ])
  })

  it('an insertion at the start and at the end, with the separators of the newer text', () => {
    const newer = 'Ainsi, le trafic de migrants, en mer.'
    const { changes, segments } = wordDiff('le trafic de migrants', newer)
    expect(changes).toEqual([
      { op: 'insert', text: 'Ainsi' },
      { op: 'insert', text: 'en mer' },
    ])
    expect(segments).toEqual([
      { op: 'insert', text: 'Ainsi' },
      { op: 'equal', text: ', le trafic de migrants, ' },
      { op: 'insert', text: 'en mer' },
      { op: 'equal', text: '.' },
    ])
  })

  it('a word replaced in the middle: the deletion before the insertion, at the place of the word', () => {
    const { segments } = wordDiff('les États parties doivent agir', 'les États membres doivent agir')
    expect(segments).toEqual([
      { op: 'equal', text: 'les États ' },
      { op: 'delete', text: 'parties' },
      { op: 'insert', text: 'membres' },
      { op: 'equal', text: ' doivent agir' },
    ])
  })

  it('keeps the longest common run when words move', () => {
    // a b c d → b c d a: one deletion and one insertion, not three of each.
    expect(wordDiff('alpha beta gamma delta', 'beta gamma delta alpha').changes).toEqual([
      { op: 'delete', text: 'alpha' },
      { op: 'insert', text: 'alpha' },
    ])
    // Nothing in common.
    expect(wordDiff('alpha beta', 'gamma delta').changes).toEqual([
      { op: 'delete', text: 'alpha beta' },
      { op: 'insert', text: 'gamma delta' },
    ])
  })

  it('identical texts: one equal segment; two empty texts: none', () => {
    expect(wordDiff('Le trafic.', 'Le trafic.')).toEqual({ changes: [], segments: [{ op: 'equal', text: 'Le trafic.' }] })
    expect(wordDiff('', '')).toEqual({ changes: [], segments: [] })
  })
})

describe('VariantIndex and variantSummary', () => {
  const groups = [
    { id: 'a', members: ['a', 'b', 'c'] },
    { id: 'x', members: ['x', 'y'] },
  ]

  it('finds each member’s group, null for a passage in none', () => {
    const index = new VariantIndex(groups)
    expect(index.groupOf('b')).toBe(groups[0])
    expect(index.groupOf('y')).toBe(groups[1])
    expect(index.groupOf('z')).toBeNull()
    expect(index.groups).toBe(groups)
  })

  it('collapses each group to its first member met, passages in no group kept', () => {
    const index = new VariantIndex(groups)
    const ranked = ['c', 'z', 'y', 'a', 'w', 'x', 'b'].map((id) => ({ id }))
    expect(index.collapse(ranked).map((h) => h.id)).toEqual(['c', 'z', 'y', 'w'])
  })

  const citation = (id: string) => ({ label: `Label ${id}`, year: id === 'a' ? 2012 : 2015 }) as Citation

  it('summarises a group for one member: its size and the others, with their labels and years', () => {
    expect(variantSummary(groups[0]!, 'b', citation)).toEqual({
      group: 'a',
      count: 3,
      also: [
        { id: 'a', label: 'Label a', year: 2012 },
        { id: 'c', label: 'Label c', year: 2015 },
      ],
    })
  })

  it(`lists at most ${VARIANTS_LISTED} others, the count still the group’s size`, () => {
    const members = Array.from({ length: 14 }, (_, i) => `m${String(i).padStart(2, '0')}`)
    const summary = variantSummary({ id: 'm00', members }, 'm03', citation)
    expect(VARIANTS_LISTED).toBe(10)
    expect(summary.count).toBe(14)
    expect(summary.also.map((m) => m.id)).toEqual(['m00', 'm01', 'm02', 'm04', 'm05', 'm06', 'm07', 'm08', 'm09', 'm10'])
    // The member itself among the first ten: ten others still.
    expect(variantSummary({ id: 'm00', members }, 'm13', citation).also.map((m) => m.id)).toEqual(members.slice(0, 10))
  })
})

describe('TextRepair: damage that is not a word', () => {
  const none = new TextRepair(new Map())

  it('I’ before a vowel is l’, not before a consonant, nor inside a word', () => {
    expect(none.repair('à I’encontre, I’Etat, I’homme')).toEqual({
      text: 'à l’encontre, l’Etat, l’homme',
      corrections: [
        { from: 'I', to: 'l' },
        { from: 'I', to: 'l' },
        { from: 'I', to: 'l' },
      ],
    })
    expect(none.repair("I'article").text).toBe("l'article")
    expect(none.repair('I’Bcontre, AI’encontre, 2I’a').corrections).toEqual([])
  })

  it('1% before a month is 1er, not before another word', () => {
    expect(none.repair('le 1% juin 2012 et le 1% des')).toEqual({ text: 'le 1er juin 2012 et le 1% des', corrections: [{ from: '1%', to: '1er' }] })
    expect(none.repair('le 1%  décembre').text).toBe('le 1er  décembre')
    expect(none.repair('11% juin, 1% juinet').corrections).toEqual([])
  })

  it('& at the start of être and its forms is ê', () => {
    expect(none.repair('peut &tre, vous &tes, &tres').text).toBe('peut être, vous êtes, êtres')
    expect(none.repair('&trex, R&tre, &t').corrections).toEqual([])
  })

  it('the marks first, then the corpus’s words, each correction in order', () => {
    const repair = new TextRepair(new Map([['enquétes', 'enquêtes']]))
    expect(repair.repair('I’enquétes &tre enquétes')).toEqual({
      text: 'l’enquêtes être enquêtes',
      corrections: [
        { from: 'I', to: 'l' },
        { from: '&', to: 'ê' },
        { from: 'enquétes', to: 'enquêtes' },
        { from: 'enquétes', to: 'enquêtes' },
      ],
    })
  })

  it('repairs the text of HTML, not its tags', () => {
    const repair = new TextRepair(new Map([['enquétes', 'enquêtes'], ['mark', 'MARK']]))
    expect(repair.repairHtml('des <mark>enquétes</mark> mark <b class="mark">I’encontre</b>')).toBe('des <mark>enquêtes</mark> MARK <b class="mark">l’encontre</b>')
  })

  it('learns from texts when given no stored repairs', () => {
    const texts = Array.from({ length: 30 }, () => 'les enquêtes menées')
    const learned = TextRepair.learn([...texts, 'des enquétes'])
    expect(learned.repair('des enquétes').text).toBe('des enquêtes')
  })

  it('forgets its recent texts past 2,048 and repairs them again the same', () => {
    const repairs = new Map([['Etats', 'États']])
    const repair = new TextRepair(repairs)
    const first = repair.repair('les Etats 0')
    for (let i = 1; i <= 2048; i++) repair.repair(`les Etats ${i}`)
    // The table changes after the first repair: a remembered text shows the old repair, a forgotten one the new.
    repairs.set('Etats', 'ÉTATS')
    expect(repair.repair('les Etats 2048').text).toBe('les États 2048')
    expect(repair.repair('les Etats 0')).not.toBe(first)
    expect(repair.repair('les Etats 0').text).toBe('les ÉTATS 0')
  })

  it('remembers more than the last text', () => {
    const repairs = new Map([['Etats', 'États']])
    const repair = new TextRepair(repairs)
    const first = repair.repair('les Etats')
    repair.repair('des Etats')
    repairs.set('Etats', 'ÉTATS')
    expect(repair.repair('les Etats')).toBe(first)
  })
})

describe('the survivors of the first Stryker run (session 7)', () => {
  it('è read as eé needs the two e side by side, and the rest of the word the same', () => {
    // An e added after another letter, and two e in a row whose removal does not give the shorter word.
    expect(both('parler', 'paerler')).toEqual([false, false])
    expect(both('parler', 'peerler')).toEqual([false, false])
  })

  it('one wording the start or the end of the other', () => {
    expect(wordDiff('le trafic', 'le trafic de migrants').changes).toEqual([{ op: 'insert', text: 'de migrants' }])
    expect(wordDiff('le trafic de migrants', 'le trafic').changes).toEqual([{ op: 'delete', text: 'de migrants' }])
    expect(wordDiff('de migrants', 'le trafic de migrants').changes).toEqual([{ op: 'insert', text: 'le trafic' }])
    expect(wordDiff('le trafic de migrants', 'de migrants').changes).toEqual([{ op: 'delete', text: 'le trafic' }])
  })

  it('a repeated word added or removed where the common start and end overlap', () => {
    expect(wordDiff('traite traite', 'traite traite traite').changes).toEqual([{ op: 'insert', text: 'traite' }])
    expect(wordDiff('traite traite traite', 'traite traite').changes).toEqual([{ op: 'delete', text: 'traite' }])
  })

  it('on any two wordings: the equal words are a longest common subsequence, the segments give back the newer text', () => {
    // An independent longest common subsequence of the folded words (no OCR confusion among these words).
    const lcsLength = (a: string[], b: string[]) => {
      const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
      for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) table[i]![j] = a[i - 1] === b[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!)
      return table[a.length]![b.length]!
    }
    const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'omega')
    fc.assert(
      fc.property(fc.array(word, { maxLength: 9 }), fc.array(word, { maxLength: 9 }), (older, newer) => {
        const olderText = older.join(' ')
        const newerText = newer.join(', ')
        const { changes, segments } = wordDiff(olderText, newerText)
        const count = (op: string) => changes.filter((c) => c.op === op).reduce((sum, c) => sum + c.text.split(/[ ,]+/).length, 0)
        const common = lcsLength(older, newer)
        expect(count('delete')).toBe(older.length - common)
        expect(count('insert')).toBe(newer.length - common)
        expect(segments.filter((s) => s.op !== 'delete').map((s) => s.text).join('')).toBe(newerText)
        expect(segments.filter((s) => s.op === 'delete').map((s) => s.text).join(' ').split(/ +/).filter(Boolean).length).toBe(older.length - common)
        // The equal segments hold the common words, as many as the longest common subsequence.
        expect(segments.filter((s) => s.op === 'equal').map((s) => s.text).join(' ').split(/[ ,]+/).filter(Boolean).length).toBe(common)
      }),
      { numRuns: 400, seed: 7 },
    )
  })
})
