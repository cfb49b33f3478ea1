// The number of bits set in a 32-bit word, for every layer that keeps sets of passages, letters or grams as bits.

/** The number of bits set in `word` (taken as 32 bits): the parallel sum of bit pairs, nibbles and bytes. */
export function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
}
