// An n-gram index past the sizes the other tests reach: more grams than the build's first hash table holds (it
// grows), more gram ids and posting bytes than its first buffers (they grow). Every passage is one invented word,
// so each word must find its own passage first.

import { describe, expect, it } from 'vitest'
import { NgramIndex } from '../../src/semantic/ngram.js'

/** `count` distinct invented words of 10 letters, the same on every run. */
function inventedWords(count: number): string[] {
  const words = new Set<string>()
  let seed = 12345
  while (words.size < count) {
    let word = ''
    for (let i = 0; i < 10; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      word += 'bcdfgklmpstvz'[seed % 13]! + (i % 2 === 0 ? 'aeiou'[seed % 5]! : '')
    }
    words.add(word.slice(0, 10))
  }
  return [...words]
}

describe('NgramIndex with 42,924 distinct grams and 107,952 postings', () => {
  it('finds every word’s own passage first', () => {
    // 4,000 words × 27 grams (3 to 5 characters of ` word `): 42,924 distinct grams (the first table holds 32,768),
    // 107,952 gram ids (the first buffer holds 65,536) and 255 kB of postings (the first buffer 64 KiB).
    const words = inventedWords(4000)
    const index = NgramIndex.build(words.map((text, i) => ({ id: `w${i}`, text })))
    for (const i of [0, 1, 999, 2500, 3999]) {
      const [first, second] = index.search(words[i]!, 2)
      expect(first![0]).toBe(`w${i}`)
      expect(first![1]).toBeGreaterThan(second![1])
    }
    const reloaded = NgramIndex.fromBinary(Buffer.concat(index.toBinary()), words.map((_, i) => `w${i}`))
    expect(reloaded.search(words[3999]!, 1)[0]![0]).toBe('w3999')
  })
})

describe('NgramIndex postings whose gaps take one to four varint bytes', () => {
  it('scores exactly the passages that hold the word, each alike, however far apart they are', () => {
    // A posting holds `gap × 16 + tf`: a gap of 9 takes 2 bytes, 1,030 takes 3, 140,000 takes 4 (≥ 2^21 / 16).
    const holders = [0, 9, 9 + 1030, 9 + 1030 + 140_000]
    const count = holders.at(-1)! + 2
    const passages = Array.from({ length: count }, (_, i) => ({ id: `p${i}`, text: holders.includes(i) ? 'quetzal' : 'zz' }))
    const query = NgramIndex.build(passages).query('quetzal')
    const found = query.matches(0.5)
    expect(found).toEqual(holders.map((i) => `p${i}`))
    const cosines = found.map((id) => query.cosine(id))
    expect(new Set(cosines).size).toBe(1)
    expect(cosines[0]).toBeGreaterThan(0)
    // Coverage 1 (the sums are kept in float32).
    for (const id of found) expect(query.coverage(id)).toBeCloseTo(1, 6)
    expect(query.cosine(`p${count - 1}`)).toBe(0)
    expect(query.top(5).map(([id]) => id)).toEqual(found)
  })
})
