import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Crc32 } from '../../src/binary/checksum.js'
import { encodeStrings } from '../../src/binary/sections.js'
import { decodeCorpus, distinctStrings, encodeCorpus } from '../../src/index/corpus-file.js'
import { loadCorpus } from '../../src/ingest/load.js'

describe('corpus.bin', () => {
  it('gives back every document, passage and skipped file as built', async () => {
    const corpus = await loadCorpus('seeds')
    const problems = [{ file: 'empty.txt', message: 'empty file (0 bytes): nothing to index.' }]
    const decoded = decodeCorpus(Buffer.concat(encodeCorpus({ ...corpus, problems })))
    expect(decoded.documents).toEqual(corpus.documents)
    expect(decoded.passages).toEqual(corpus.passages)
    expect(decoded.problems).toEqual(problems)
  })

  it('keeps fields it has no column for (pages, notes) and text in any script', async () => {
    const { documents, passages } = await loadCorpus('seeds')
    const extended = passages.slice(0, 3).map((p, i) => (i === 1 ? { ...p, text: 'Ελληνικά, 中文 et émojis 🙂', pages: [3, 4], notes: [{ marker: '10', text: 'Voir A/70/1.' }] } : p))
    const decoded = decodeCorpus(Buffer.concat(encodeCorpus({ documents, passages: extended, problems: [] })))
    expect(decoded.passages).toEqual(extended)
  })

  it('reads texts lazily into the same passages, which encode to the same file', async () => {
    const { documents, passages } = await loadCorpus('seeds')
    const extended = passages.map((p, i) => (i === 1 ? { ...p, text: 'Ελληνικά, 中文 et émojis 🙂', pages: [3, 4], notes: [{ marker: '10', text: 'Voir A/70/1.' }] } : p))
    const file = Buffer.concat(encodeCorpus({ documents, passages: extended, problems: [] }))
    const lazy = decodeCorpus(file, { lazyTexts: true }).passages
    expect(lazy.map((p) => ({ ...p, text: p.text }))).toEqual(extended)
    // What a build writes when it cannot splice the last file: the lazy passages hold no other field to encode.
    expect(Buffer.concat(encodeCorpus({ documents, passages: lazy, problems: [] })).equals(file)).toBe(true)
  })

  it('counts the distinct strings of a table as a set of the strings does', () => {
    const texts = fc.array(fc.constantFrom('', 'a', 'é', 'ab', 'Ελληνικά', 'trafic illicite', 'trafic illicitf', '🙂'), { maxLength: 40 })
    fc.assert(
      fc.property(texts, fc.array(fc.nat(), { maxLength: 40 }), (strings, picks) => {
        const rows = strings.length === 0 ? [] : picks.map((n) => n % strings.length)
        expect(distinctStrings(encodeStrings(strings), rows)).toBe(new Set(rows.map((r) => strings[r])).size)
      }),
    )
  })

  it('tells apart two strings of the same CRC-32', () => {
    // A collision found by the birthday bound: ≈ 80k strings of 8 letters (a fixed seed, so the same pair each run).
    const seen = new Map<number, string>()
    let state = 7
    const letter = () => String.fromCharCode(97 + ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 16) % 26)
    let pair: [string, string] | undefined
    while (!pair) {
      const text = Array.from({ length: 8 }, letter).join('')
      const sum = new Crc32().update(Buffer.from(text)).value
      const other = seen.get(sum)
      if (other !== undefined && other !== text) pair = [other, text]
      seen.set(sum, text)
    }
    expect(distinctStrings(encodeStrings([pair[0], pair[1], pair[0], pair[1]]), [0, 1, 2, 3])).toBe(2)
  })

  it('refuses a passage of no listed document', async () => {
    const { documents, passages } = await loadCorpus('seeds')
    expect(() => encodeCorpus({ documents: documents.slice(1), passages, problems: [] })).toThrow(/names an unknown document/)
  })
})
