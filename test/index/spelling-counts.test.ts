// An incremental build keeps the corpus's word counts and updates them with the passages added and removed, then
// learns the spelling repairs from them: the counts must be those of the new corpus, and the repairs those learned
// from its texts.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countWords, forEachWord, learnRepairs, repairsFromCounts, updateRepairs } from '../../src/text/spelling.js'

const kept = ['Les enquêtes financières et les enquêtes pénales.', 'Des enquétes conjointes.', 'Les enquêtes parallèles.']
const gone = ['Une enquéte de plus.', 'Les enquétes financières.', 'Le parquet.']

describe('the corpus word counts an incremental build keeps', () => {
  it('taking away the passages removed leaves the counts of the passages kept, words no longer there dropped', () => {
    const counts = countWords([...kept, ...gone])
    countWords(gone, counts, -1)
    expect(counts).toEqual(countWords(kept))
    expect(counts.has('parquet')).toBe(false)
  })

  it('gives the repairs learned from the texts themselves', () => {
    const counts = countWords(gone)
    countWords(kept, counts)
    countWords(gone, counts, -1)
    expect(repairsFromCounts(counts)).toEqual(learnRepairs(kept))
    expect(repairsFromCounts(counts).get('enquétes')).toBe('enquêtes')
  })

  it('counts each word as one get and one set per occurrence would, in the order the words are first met', () => {
    // The build state stores the counts in the map's order: the same texts must give the same bytes.
    const naive = (texts: string[], counts = new Map<string, number>()) => {
      for (const text of texts) forEachWord(text, (word) => counts.set(word, (counts.get(word) ?? 0) + 1))
      return counts
    }
    const text = fc.array(fc.constantFrom('enquête', 'enquéte', 'les', 'Les', 'parquet', 'a', 'é', ' ', ', ', '.'), { maxLength: 15 }).map((w) => w.join(' '))
    fc.assert(
      fc.property(fc.array(text, { maxLength: 6 }), fc.array(text, { maxLength: 6 }), (before, texts) => {
        expect([...countWords(texts, countWords(before))]).toEqual([...naive(texts, naive(before))])
      }),
    )
  })

  it('learns again only the groups of the words whose count changed, and gives the table of the whole corpus', () => {
    // Spellings OCR confuses (é/è/ê/e, ç/c, î/i), a decomposed accent (e + U+0301) and Greek, whose skeletons the
    // screening hash cannot spell without normalising.
    const words = ['enquêtes', 'enquétes', 'enquetes', 'réguliéres', 'régulières', 'reçu', 'recu', 'île', 'ile', 'les', 'enque\u0301tes', 'άλφα', 'αλφα', 'ab']
    const texts = fc.array(fc.array(fc.constantFrom(...words), { maxLength: 8 }).map((w) => w.join(' ')), { maxLength: 8 })
    fc.assert(
      fc.property(texts, texts, texts, (keptTexts, goneTexts, addedTexts) => {
        const before = countWords([...keptTexts, ...goneTexts])
        const after = countWords(addedTexts, countWords(goneTexts, countWords([...keptTexts, ...goneTexts]), -1))
        const changed = [...countWords(goneTexts).keys(), ...countWords(addedTexts).keys()]
        const updated = updateRepairs(repairsFromCounts(before), after, changed)
        expect([...updated].sort()).toEqual([...repairsFromCounts(after)].sort())
      }),
      { numRuns: 300 },
    )
  })

  it('keeps the repairs of the groups no changed word belongs to', () => {
    const counts = countWords(['enquêtes enquêtes enquétes reçu reçu recu'])
    const previous = new Map([['enquétes', 'enquêtes'], ['recu', 'reçu'], ['stale', 'kept as it was']])
    expect(updateRepairs(previous, counts, ['recu'])).toEqual(new Map([['enquétes', 'enquêtes'], ['stale', 'kept as it was'], ['recu', 'reçu']]))
  })
})

