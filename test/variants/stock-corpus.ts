// A corpus built to make large MinHash buckets, for the variant-grouping tests: most passages one of 8 stock sentences
// of 14 invented words with a word or two changed (hundreds of near-copies share each band's key), some two stock
// sentences joined (similarity about 0.5 to each: close to the threshold from both sides), some unrelated.

import type { VariantSource } from '../../src/variants/group.js'

/** `count` passages drawn from `seed`; passage `i` belongs to the document `documentOf(i)`. */
export function stockCorpus(seed: number, count: number, documentOf: (i: number) => number): VariantSource[] {
  const random = mulberry32(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const syllables = ['ra', 'lo', 'mi', 'tu', 'ke', 'so', 'va', 'ni', 'po', 'de', 'gu', 'zi', 'fa', 'be']
  const word = () => Array.from({ length: 3 + Math.floor(random() * 2) }, () => pick(syllables)).join('') + 'x'
  const stock = Array.from({ length: 8 }, () => Array.from({ length: 14 }, word))
  const vary = (words: string[]) => words.map((w) => (random() < 0.06 ? word() : w)).join(' ')
  return Array.from({ length: count }, (_, i) => {
    const roll = random()
    const text = roll < 0.7 ? vary(pick(stock)) : roll < 0.85 ? `${vary(pick(stock))} ${vary(pick(stock))}` : Array.from({ length: 14 }, word).join(' ')
    return { id: `d${documentOf(i)}.p${i}`, docId: `d${documentOf(i)}`, text }
  })
}

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
