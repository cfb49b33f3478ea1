// An incremental build keeps the corpus's word counts and updates them with the passages added and removed, then
// learns the spelling repairs from them: the counts must be those of the new corpus, and the repairs those learned
// from its texts.

import { describe, expect, it } from 'vitest'
import { countWords, learnRepairs, repairsFromCounts } from '../../src/text/spelling.js'

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
})
