import { describe, expect, it } from 'vitest'
import { decodeCorpus, encodeCorpus } from '../../src/index/corpus-file.js'
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

  it('refuses a passage of no listed document', async () => {
    const { documents, passages } = await loadCorpus('seeds')
    expect(() => encodeCorpus({ documents: documents.slice(1), passages, problems: [] })).toThrow(/names an unknown document/)
  })
})
