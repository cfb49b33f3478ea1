// An incremental build splices corpus.bin from the last build's — kept passages' strings copied as byte runs, their
// document and section numbers renumbered — wherever the reports added or removed sort: the result must be byte for
// byte the file `encodeCorpus` gives for the whole corpus.

import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { decodeCorpus, encodeCorpus, type CorpusFile } from '../../src/index/corpus-file.js'
import { spliceCorpus } from '../../src/index/corpus-splice.js'
import { loadCorpus } from '../../src/ingest/load.js'
import type { DocumentMeta, Passage } from '../../src/types.js'

let documents: DocumentMeta[]
let byDocument: Passage[][]
beforeAll(async () => {
  const corpus = await loadCorpus('seeds')
  documents = corpus.documents
  // Fields without a column and text in other scripts on some passages, and a section path of its own on one.
  byDocument = documents.map((d, i) =>
    corpus.passages
      .filter((p) => p.docId === d.id)
      .map((p, j) => (j === 1 ? { ...p, text: `${p.text} Ελληνικά, 中文 🙂`, pages: [i + 1, i + 2], notes: [{ marker: String(i), text: 'Voir A/70/1.' }] } : j === 2 ? { ...p, section: [...p.section, `Annexe ${i}`] } : p)),
  )
})

const corpusOf = (which: readonly number[], passagesOf: (d: number) => Passage[]): CorpusFile => ({
  documents: which.map((d) => documents[d]!),
  passages: which.flatMap(passagesOf),
  problems: [{ file: `skipped-${which.join('')}.doc`, message: 'not a supported format' }],
})

/** The last build's file of documents `before`, then `after` spliced from it and encoded whole (both as bytes). */
const spliceAndWhole = (before: readonly number[], after: readonly number[]): { spliced: Buffer | null; whole: Buffer } => {
  const last = Buffer.concat(encodeCorpus(corpusOf(before, (d) => byDocument[d]!)))
  const lastPassages = decodeCorpus(last).passages
  // As a build does: a kept document's passages are the objects decoded from the last file, an added one's are new.
  const decoded = new Map<number, Passage[]>()
  before.reduce((at, d) => (decoded.set(d, lastPassages.slice(at, at + byDocument[d]!.length)), at + byDocument[d]!.length), 0)
  const corpus = corpusOf(after, (d) => decoded.get(d) ?? byDocument[d]!)
  const at = new Map(corpus.passages.map((p, i) => [p, i]))
  const renumber = Int32Array.from(lastPassages, (p) => at.get(p) ?? -1)
  const kept = new Set(lastPassages)
  const addedAt = Uint32Array.from(corpus.passages.flatMap((p, i) => (kept.has(p) ? [] : [i])))
  const chunks = spliceCorpus(last, lastPassages, { renumber, addedAt }, corpus)
  return { spliced: chunks && Buffer.concat(chunks), whole: Buffer.concat(encodeCorpus(corpus)) }
}

const expectSpliceEqualsWhole = (before: readonly number[], after: readonly number[]) => {
  const { spliced, whole } = spliceAndWhole(before, after)
  expect(spliced, `${before} → ${after}`).not.toBeNull()
  expect(spliced!.equals(whole), `${before} → ${after}`).toBe(true)
}

describe('splicing corpus.bin from the last build', () => {
  it('adds a report after the others, in front of them or between them: the same file as a whole encoding', () => {
    expectSpliceEqualsWhole([0, 1, 2], [0, 1, 2, 3])
    // In front: every document and section number moves.
    expectSpliceEqualsWhole([1, 2, 3, 4], [0, 1, 2, 3, 4])
    expectSpliceEqualsWhole([0, 2, 3, 4], [0, 1, 2, 3, 4])
  })

  it('removes the first, a middle or the last report, and replaces one by another', () => {
    expectSpliceEqualsWhole([0, 1, 2, 3, 4], [1, 2, 3, 4])
    expectSpliceEqualsWhole([0, 1, 2, 3, 4], [0, 1, 3, 4])
    expectSpliceEqualsWhole([0, 1, 2, 3, 4], [0, 1, 2, 3])
    expectSpliceEqualsWhole([0, 1, 2, 3], [0, 1, 2, 4])
  })

  it('any change of any set of reports gives the file of a whole encoding (property)', () => {
    const subset = fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 5 }).map((d) => d.sort((a, b) => a - b))
    fc.assert(fc.property(subset, subset, (before, after) => {
      const { spliced, whole } = spliceAndWhole(before, after)
      return spliced !== null && spliced.equals(whole)
    }), { numRuns: 40 })
  })

  it('refuses kept passages that are not those decoded from the last file', () => {
    const last = Buffer.concat(encodeCorpus(corpusOf([0, 1], (d) => byDocument[d]!)))
    const lastPassages = decodeCorpus(last).passages
    const renumber = Int32Array.from(lastPassages, (_, p) => p)
    const same = corpusOf([0, 1], () => [])
    same.passages = [...lastPassages]
    expect(spliceCorpus(last, lastPassages, { renumber, addedAt: new Uint32Array(0) }, same)).not.toBeNull()
    // One kept passage changed since (its text edited): its old bytes must not be copied.
    same.passages[3] = { ...lastPassages[3]!, text: 'Un autre texte.' }
    expect(spliceCorpus(last, lastPassages, { renumber, addedAt: new Uint32Array(0) }, same)).toBeNull()
  })
})
