import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeStrings, encodeStrings } from '../../src/binary/sections.js'

// What `encodeStrings` wrote before it encoded the strings in one go: each string's own UTF-8 bytes, one after another.
const oneByOne = (strings: readonly string[]) => Buffer.concat(strings.map((s) => Buffer.from(s, 'utf8')))

describe('encodeStrings', () => {
  const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code))
  const piece = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom('é', 'a', '’', '😀')) }))

  it('stores each string as its own UTF-8 bytes, even where a lone surrogate ends one and begins the next', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (strings) => {
        const { bytes, ends } = encodeStrings(strings)
        expect(Buffer.from(bytes)).toEqual(oneByOne(strings))
        let end = 0
        expect([...ends]).toEqual(strings.map((s) => (end += Buffer.from(s, 'utf8').length)))
        expect(decodeStrings(bytes, ends)).toEqual(strings.map((s) => Buffer.from(s, 'utf8').toString('utf8')))
      }),
      { numRuns: 500 },
    )
  })

  it('keeps a high surrogate ending one string apart from the low surrogate starting the next', () => {
    const strings = ['a\ud83d', '\ude00b']
    expect(Buffer.from(encodeStrings(strings).bytes)).toEqual(Buffer.from([0x61, 0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd, 0x62]))
    expect([...encodeStrings(strings).ends]).toEqual([4, 8])
  })

  it('stores a table too large to be joined first (past 4 M characters) as each string’s own bytes too', () => {
    const strings = ['a'.repeat(1_500_000) + '\ud83d', '\ude00' + 'é'.repeat(1_500_000), '’'.repeat(1_500_000), '', '😀x']
    const { bytes, ends } = encodeStrings(strings)
    expect(Buffer.from(bytes).equals(oneByOne(strings))).toBe(true)
    let end = 0
    expect([...ends]).toEqual(strings.map((s) => (end += Buffer.from(s, 'utf8').length)))
  })

  it('reads back tables of ASCII strings (decoded in one go) as those of any other string', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)) })
    fc.assert(
      fc.property(fc.array(ascii, { maxLength: 30 }), fc.array(piece, { maxLength: 3 }), (strings, others) => {
        const roundTrip = (list: string[]) => {
          const { bytes, ends } = encodeStrings(list)
          return decodeStrings(bytes, ends)
        }
        expect(roundTrip(strings)).toEqual(strings)
        const mixed = [...strings, ...others].map((s) => Buffer.from(s, 'utf8').toString('utf8'))
        expect(roundTrip(mixed)).toEqual(mixed)
      }),
      { numRuns: 500 },
    )
  })
})
