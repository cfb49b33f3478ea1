// The gram table an add makes from the grams' UTF-8 — slots hashed from the bytes — is the table a full build makes
// from the strings (`StringTable.build`), slot for slot: ngram.bin stores it, so it must be byte for byte the same.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeStrings } from '../../src/binary/sections.js'
import { hashOf, StringTable } from '../../src/binary/string-table.js'
import { GramTableWriter, gramSlots, utf8Hash } from '../../src/semantic/ngram-grams.js'

const hashOfBytes = (text: string) => {
  const bytes = Buffer.from(text, 'utf8')
  return utf8Hash(bytes, 0, bytes.length)
}

describe('utf8Hash', () => {
  it('hashes ASCII, accented letters, U+FFFD, CJK and characters outside the BMP as hashOf hashes the string', () => {
    for (const text of ['', ' mi', 'ion ', 'éè', 'coopération', '\uFFFD\uFFFD ', '海上', '𝐀b', 'x😀']) expect(hashOfBytes(text), JSON.stringify(text)).toBe(hashOf(text))
  })

  it('agrees with hashOf on any well-formed string (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), (text) => hashOfBytes(text) === hashOf(text)), { numRuns: 500 })
  })
})

describe('gramSlots', () => {
  it('places distinct strings in the slots StringTable.build gives them (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), { maxLength: 300 }), (strings) => {
        const { bytes, ends } = encodeStrings(strings)
        expect(gramSlots(bytes, ends)).toEqual(StringTable.build(strings).stored.slots)
      }),
      { numRuns: 200 },
    )
  })
})

describe('GramTableWriter', () => {
  it('copies grams from two tables into the table of the merged list', () => {
    const old = encodeStrings([' mi', 'mis', 'ère', 'ion '])
    const fresh = encodeStrings(['aé', 'mig'])
    const writer = new GramTableWriter(6, 64)
    writer.append(fresh.bytes, fresh.ends, 0)
    writer.append(old.bytes, old.ends, 0)
    writer.append(fresh.bytes, fresh.ends, 1)
    writer.append(old.bytes, old.ends, 3)
    const table = writer.finish()
    expect(StringTable.fromArrays(table).all()).toEqual(['aé', ' mi', 'mig', 'ion '])
    const built = StringTable.build(['aé', ' mi', 'mig', 'ion ']).stored
    expect(Buffer.from(table.bytes).equals(built.bytes)).toBe(true)
    expect(table.ends).toEqual(built.ends)
    expect(table.slots).toEqual(built.slots)
  })
})
