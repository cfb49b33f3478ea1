// The build state's string tables: an add re-encodes only the strings its vocabulary and word counts gained.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeStrings, encodeStrings } from '../../src/binary/sections.js'
import { encodeOnto, type StoredStrings } from '../../src/index/build-state.js'

const stored = (strings: string[]): StoredStrings => ({ strings, ...encodeStrings(strings) })
// Words with accents, ligatures, Greek, an emoji (a surrogate pair) and lone surrogates, which encode as U+FFFD.
const word = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('é', 'œuvre', 'Ωμέγα', '😀', '\ud83d', '\ude00', 'e\u0301', ''))

describe('encodeOnto', () => {
  it('gives the bytes and ends encodeStrings gives, whatever the last table shares with the strings (property)', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.array(word, { maxLength: 6 }), fc.array(word, { maxLength: 6 }), fc.nat(12), (shared, before, after, cut) => {
        const last = stored([...shared, ...before])
        const strings = [...shared.slice(0, cut), ...after]
        const expected = encodeStrings(strings)
        const got = encodeOnto(strings, last)
        expect(Buffer.from(got.bytes).equals(Buffer.from(expected.bytes))).toBe(true)
        expect(Array.from(got.ends)).toEqual(Array.from(expected.ends))
      }),
      { numRuns: 500 },
    )
  })

  it('copies the shared strings’ bytes from the last table: an add’s vocabulary, the last one then new words', () => {
    const last = stored(['mandat', 'œuvre', 'trafic'])
    // Bytes the encoder would not write for these strings: found in the table, they were copied, not encoded.
    last.bytes = Uint8Array.from(last.bytes, () => 0x2a)
    const got = encodeOnto(['mandat', 'œuvre', 'trafic', 'migrants'], last)
    expect(decodeStrings(got.bytes, got.ends)).toEqual(['*'.repeat(6), '*'.repeat(6), '*'.repeat(6), 'migrants'])
  })
})
