// A build that keeps the last build's first passages and adds after them splices the keyword postings instead of
// building them again: the result must be byte for byte the keyword file a whole build of the same passages gives.

import { beforeAll, describe, expect, it } from 'vitest'
import { analyseDocument, mergeAnalyses } from '../../src/index/analysis.js'
import { keptPrefix, spliceKeywordData } from '../../src/index/build-keyword.js'
import { keywordDataFromAnalysis } from '../../src/index/keyword-build.js'
import { encodeKeywordData, type KeywordData } from '../../src/index/keyword-data.js'
import { loadCorpus } from '../../src/ingest/load.js'
import type { Passage } from '../../src/types.js'

let documents: Passage[][]
beforeAll(async () => {
  const byDocument = new Map<string, Passage[]>()
  for (const p of (await loadCorpus('seeds')).passages) byDocument.set(p.docId, [...(byDocument.get(p.docId) ?? []), p])
  documents = [...byDocument.values()]
})

/** The keyword data of some documents, built whole. */
const whole = (which: readonly Passage[][]): { data: KeywordData; passages: Passage[] } => {
  const passages = which.flat()
  return { data: keywordDataFromAnalysis(passages.map((p) => p.id), mergeAnalyses(which.map(analyseDocument))), passages }
}

/** The data of `after` spliced from that of `before`, which it must start with. */
const spliced = (before: readonly Passage[][], after: readonly Passage[][]): Buffer | null => {
  const last = whole(before).data
  let kept = 0
  while (kept < before.length && before[kept] === after[kept]) kept++
  const passages = after.flat()
  const keptPassages = before.slice(0, kept).flat().length
  const data = spliceKeywordData(last, keptPassages, passages.map((p) => p.id), mergeAnalyses(after.map(analyseDocument)))
  return data && encodeKeywordData(data)
}

describe('splicing the keyword data of the last build', () => {
  it('adds a report after the others: the same file as a whole build', () => {
    const after = documents
    const file = spliced(documents.slice(0, 3), after)
    expect(file).not.toBeNull()
    expect(file!.equals(encodeKeywordData(whole(after).data))).toBe(true)
  })

  it('removes the last reports, dropping the stems and words only they held', () => {
    const after = documents.slice(0, 2)
    const file = spliced(documents, after)
    expect(file).not.toBeNull()
    expect(file!.equals(encodeKeywordData(whole(after).data))).toBe(true)
  })

  it('replaces the last report by another', () => {
    const after = [...documents.slice(0, 3), documents[4]!]
    const file = spliced(documents.slice(0, 4), after)
    expect(file).not.toBeNull()
    expect(file!.equals(encodeKeywordData(whole(after).data))).toBe(true)
  })

  it('tells a change that keeps a prefix from one that does not', () => {
    // Old passages 0–2 kept, 3–4 gone, two added after: a prefix of 3.
    expect(keptPrefix(Int32Array.of(0, 1, 2, -1, -1), Uint32Array.of(3, 4), 5)).toBe(3)
    // A passage added before a kept one, or a kept one moved: not a prefix.
    expect(keptPrefix(Int32Array.of(0, 2, 3), Uint32Array.of(1), 4)).toBe(-1)
    expect(keptPrefix(Int32Array.of(0, -1, 1), Uint32Array.of(), 2)).toBe(-1)
  })
})
