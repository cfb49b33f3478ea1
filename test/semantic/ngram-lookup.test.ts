// The long grams' lists in passage order: each gram's kept postings, whatever its groups, and the sums a search of
// them adds, bit for bit those of a walk; and the memory they hold, within its budget.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeSections } from '../../src/binary/sections.js'
import { logTf, TF_LOW } from '../../src/semantic/impact-cap.js'
import { NgramIndex, ngramSerializationVersion } from '../../src/semantic/ngram.js'
import { addLooked, GramLookups } from '../../src/semantic/ngram-lookup.js'
import { decodePostings, PostingWriter } from '../../src/semantic/ngram-postings.js'

const LOG_TF = Float32Array.from({ length: TF_LOW + 1 }, (_, tf) => logTf(tf))

/** Gram g's list, asked for by two queries (the first one's ask alone decodes nothing). */
function listOf(lookups: GramLookups, g: number, count: number): Uint32Array {
  return lookups.of(g, count, 0) ?? lookups.of(g, count, 1)!
}

/** An index's stored postings (see `NgramIndex.postings`), read from its file. */
function storedPostings(index: NgramIndex) {
  const stored = decodeSections(Buffer.concat(index.toBinary()), 'ngram', ngramSerializationVersion, 'ngram.bin')
  return { starts: stored.section('starts', Uint32Array), postings: stored.section('postings', Uint8Array), frequencies: stored.section('frequencies', Uint32Array) }
}

/** Gram g's (passage, tf) pairs as the build's decoder reads them, in the order stored. */
function pairs(stored: ReturnType<typeof storedPostings>, g: number, size: number): Array<[number, number]> {
  const passages = new Uint32Array(size)
  const tfs = new Uint32Array(size)
  const n = decodePostings(stored.postings, stored.starts[g]!, stored.starts[g + 1]!, passages, tfs)
  return Array.from({ length: n }, (_, i) => [passages[i]!, tfs[i]!])
}

const words = ['trafic', 'trafics', 'trafiquant', 'migrants', 'migration', 'mer', 'passeurs', 'témoins', 'protection', 'quetzal']
const passageText = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 6 }).map((w) => w.join(' '))

describe('GramLookups and addLooked', () => {
  it('list each gram’s kept postings by passage, and add what a walk adds to the passages asked, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(passageText, { minLength: 1, maxLength: 150 }),
        // A small cap groups the common grams' postings by impact, each group from passage 0 again.
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.tuple(fc.nat(), fc.array(fc.nat(), { maxLength: 40 })), { minLength: 1, maxLength: 20 }),
        (texts, cap, budget, reads) => {
          const index = NgramIndex.build(texts.map((text, i) => ({ id: `p${i}`, text })), { maxPostingsPerGram: cap })
          const stored = storedPostings(index)
          const grams = stored.frequencies.length
          if (grams === 0) return
          const lookups = new GramLookups(stored.postings, stored.starts, budget)
          for (const [gramAt, askedAt] of reads) {
            const g = gramAt % grams
            const kept = pairs(stored, g, texts.length)
            const list = listOf(lookups, g, Math.min(stored.frequencies[g]!, cap))
            expect([...list]).toEqual(kept.map(([p, tf]) => p * 16 + Math.min(tf, TF_LOW)).sort((a, b) => a - b))
            // What a walk adds to the passages asked (each once, in increasing order), and what the search adds.
            const asked = Uint32Array.from(new Set(askedAt.map((a) => a % texts.length))).sort()
            const walked = new Float32Array(2 * texts.length)
            const searched = new Float32Array(2 * texts.length)
            for (const [p, tf] of kept) {
              if (!asked.includes(p)) continue
              walked[2 * p]! += 1.7 * LOG_TF[Math.min(tf, TF_LOW)]!
              walked[2 * p + 1]! += 0.3
            }
            addLooked(list, asked, asked.length, 1.7, 0.3, searched, LOG_TF)
            expect(searched).toEqual(walked)
            // At most the budget is held, or the one list just read when it alone is larger.
            expect(lookups.size).toBeLessThanOrEqual(Math.max(budget, list.length))
          }
        },
      ),
      { numRuns: 200, seed: 21 },
    )
  })

  it('sorts a capped gram’s groups together over the whole range of passage numbers', () => {
    fc.assert(
      fc.property(
        // Passages up to the index's limit (2^28 − 1), so that every bit of `passage × 16 + tf` is sorted on.
        fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 28 - 1 }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 300, maxLength: 300 }),
        fc.integer({ min: 1, max: 12 }),
        (passages, tfs, groups) => {
          // Passage i in group i mod `groups`, each group in passage order, as a capped gram stores them.
          const writer = new PostingWriter()
          for (let k = 0; k < groups; k++) {
            const members = passages.map((p, i) => [p, tfs[i]!] as const).filter((_, i) => i % groups === k)
            if (members.length === 0) continue
            writer.group(groups - k)
            for (const [p, tf] of [...members].sort((a, b) => a[0] - b[0])) writer.posting(p, tf)
          }
          const bytes = writer.finish()
          const list = listOf(new GramLookups(bytes, Uint32Array.of(0, bytes.length)), 0, passages.length)
          const expected = passages.map((p, i) => p * 16 + Math.min(tfs[i]!, TF_LOW)).sort((a, b) => a - b)
          expect([...list]).toEqual(expected)
        },
      ),
      { numRuns: 200, seed: 23 },
    )
  })

  it('drops the lists searched longest ago first, and reads a dropped one again the same', () => {
    const texts = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'trafic' : 'migrants'))
    const stored = storedPostings(NgramIndex.build(texts.map((text, i) => ({ id: `p${i}`, text }))))
    // Grams 0, 1, 2 each hold 20 postings: a budget of 45 holds two lists.
    const lookups = new GramLookups(stored.postings, stored.starts, 45)
    const first = [...listOf(lookups, 0, 20)]
    listOf(lookups, 1, 20)
    listOf(lookups, 0, 20)
    listOf(lookups, 2, 20)
    expect(lookups.size).toBe(40)
    // Gram 1, searched before gram 0's second use, was the one dropped: gram 0's list is still the one held.
    const held = (lookups as unknown as { lists: Map<number, Uint32Array> }).lists
    expect([...held.keys()]).toEqual([0, 2])
    expect([...listOf(lookups, 1, 20)]).toEqual([...listOf(new GramLookups(stored.postings, stored.starts), 1, 20)])
    expect([...listOf(lookups, 0, 20)]).toEqual(first)
  })

  it('decodes a list only once a second query asks for it', () => {
    const texts = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'trafic' : 'migrants'))
    const stored = storedPostings(NgramIndex.build(texts.map((text, i) => ({ id: `p${i}`, text }))))
    const lookups = new GramLookups(stored.postings, stored.starts)
    // Query 7 asks twice (its query pass, then its second pass): the gram is walked both times.
    expect(lookups.of(0, 20, 7)).toBeNull()
    expect(lookups.of(0, 20, 7)).toBeNull()
    expect(lookups.size).toBe(0)
    expect(lookups.of(0, 20, 8)).not.toBeNull()
    expect(lookups.size).toBe(20)
    expect(lookups.of(0, 20, 9)).not.toBeNull()
  })
})
