// An incremental build splices the keyword postings of the last build — kept passages renumbered, the added ones'
// merged in, stems and words numbered again by first occurrence — wherever the reports added or removed sort: the
// result must be byte for byte the keyword file a whole build of the same passages gives.

import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { analyseDocument, mergeAnalyses, mergeOnto, type AnalysedRange, type DocumentAnalysis } from '../../src/index/analysis.js'
import { spliceKeywordData, type LastAnalysis } from '../../src/index/build-keyword.js'
import { keywordDataFromAnalysis } from '../../src/index/keyword-build.js'
import { encodeKeywordData, type KeywordData } from '../../src/index/keyword-data.js'
import { loadCorpus } from '../../src/ingest/load.js'
import type { Passage } from '../../src/types.js'

let documents: Passage[][]
let analyses: DocumentAnalysis[]
beforeAll(async () => {
  const byDocument = new Map<string, Passage[]>()
  for (const p of (await loadCorpus('seeds')).passages) byDocument.set(p.docId, [...(byDocument.get(p.docId) ?? []), p])
  documents = [...byDocument.values()]
  analyses = documents.map(analyseDocument)
})

/** The keyword data of some documents (by their number, in reading order), built whole. */
const whole = (which: readonly number[]): KeywordData => {
  const passages = which.flatMap((d) => documents[d]!)
  return keywordDataFromAnalysis(passages.map((p) => p.id), mergeAnalyses(which.map((d) => analyses[d]!)))
}

/** The data of documents `after` spliced from the whole build of `before`. */
const spliced = (before: readonly number[], after: readonly number[]): Buffer | null => {
  const last = whole(before)
  const passages = after.flatMap((d) => documents[d]!)
  const ids = passages.map((p) => p.id)
  const at = new Map(ids.map((id, p) => [id, p]))
  const renumber = Int32Array.from(last.ids, (id) => at.get(id) ?? -1)
  const old = new Set(last.ids)
  const addedAt = Uint32Array.from(ids.flatMap((id, p) => (old.has(id) ? [] : [p])))
  const data = spliceKeywordData(last, { renumber, addedAt }, ids, mergeAnalyses(after.map((d) => analyses[d]!)))
  return data && encodeKeywordData(data)
}

/**
 * The same splice as a build makes it: the new analysis merged onto the last build's (its kept documents as ranges of
 * its passages), so stems and words are matched by id. `tamper` may change what the splice is told of the last build.
 */
const splicedById = (before: readonly number[], after: readonly number[], tamper: (last: LastAnalysis) => void = () => {}): Buffer | null => {
  const lastAnalysed = mergeAnalyses(before.map((d) => analyses[d]!))
  const last = keywordDataFromAnalysis(before.flatMap((d) => documents[d]!).map((p) => p.id), lastAnalysed)
  const firstOf = new Map<number, number>()
  before.reduce((at, d) => (firstOf.set(d, at), at + documents[d]!.length), 0)
  const parts: Array<DocumentAnalysis | AnalysedRange> = after.map((d) => (firstOf.has(d) ? { from: firstOf.get(d)!, to: firstOf.get(d)! + documents[d]!.length } : analyses[d]!))
  const { analysed, vocabulary } = mergeOnto(parts, lastAnalysed)
  const passages = after.flatMap((d) => documents[d]!)
  const ids = passages.map((p) => p.id)
  const at = new Map(ids.map((id, p) => [id, p]))
  const renumber = Int32Array.from(last.ids, (id) => at.get(id) ?? -1)
  const old = new Set(last.ids)
  const addedAt = Uint32Array.from(ids.flatMap((id, p) => (old.has(id) ? [] : [p])))
  const told = { analysed: lastAnalysed, vocabulary }
  tamper(told)
  const data = spliceKeywordData(last, { renumber, addedAt }, ids, analysed, told)
  return data && encodeKeywordData(data)
}

const expectSpliceEqualsWhole = (before: readonly number[], after: readonly number[]) => {
  const expected = encodeKeywordData(whole(after))
  for (const file of [spliced(before, after), splicedById(before, after)]) {
    expect(file, `${before} → ${after}`).not.toBeNull()
    expect(file!.equals(expected), `${before} → ${after}`).toBe(true)
  }
}

describe('splicing the keyword data of the last build', () => {
  it('adds a report after the others, in front of them or between them: the same file as a whole build', () => {
    expectSpliceEqualsWhole([0, 1, 2], [0, 1, 2, 3])
    // In front: every kept passage moves, and stems first met in the new report are numbered first.
    expectSpliceEqualsWhole([1, 2, 3, 4], [0, 1, 2, 3, 4])
    expectSpliceEqualsWhole([0, 2, 3, 4], [0, 1, 2, 3, 4])
  })

  it('removes the last, the first or a middle report, dropping the stems and words only it held', () => {
    expectSpliceEqualsWhole([0, 1, 2, 3, 4], [0, 1, 2, 3])
    // The first report gone: stems it met first are met first elsewhere, in another order.
    expectSpliceEqualsWhole([0, 1, 2, 3, 4], [1, 2, 3, 4])
    expectSpliceEqualsWhole([0, 1, 2, 3, 4], [0, 1, 3, 4])
  })

  it('replaces one report by another and adds several at once', () => {
    expectSpliceEqualsWhole([0, 1, 2, 3], [0, 1, 2, 4])
    expectSpliceEqualsWhole([1, 3], [0, 1, 2, 3, 4])
    expectSpliceEqualsWhole([0, 2, 4], [1, 3])
  })

  it('any change of any set of reports gives the file of a whole build (property)', () => {
    const subset = fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 5 }).map((d) => d.sort((a, b) => a - b))
    fc.assert(fc.property(subset, subset, (before, after) => {
      const expected = encodeKeywordData(whole(after))
      return [spliced(before, after), splicedById(before, after)].every((file) => file !== null && file.equals(expected))
    }), { numRuns: 40 })
  })

  it('matches the last build’s stems and words by id, and by text when its analysis does not describe its keyword file', () => {
    const expected = encodeKeywordData(whole([0, 1, 2, 3]))
    // Two of the last build's words said to have swapped ids: only a splice that goes by the ids gets them wrong.
    const swapped = splicedById([0, 1, 2], [0, 1, 2, 3], ({ vocabulary }) => {
      const [a, b] = [vocabulary.words[3]!, vocabulary.words[4]!]
      vocabulary.words[3] = b
      vocabulary.words[4] = a
    })
    expect(swapped!.equals(expected)).toBe(false)
    // An analysis whose words are not those of the keyword file (another build's): the texts are matched instead.
    const other = splicedById([0, 1, 2], [0, 1, 2, 3], (last) => {
      last.analysed = { ...last.analysed, words: last.analysed.words.map((w, i) => (i === 3 ? `${w}x` : w)) }
    })
    expect(other!.equals(expected)).toBe(true)
  })

  it('refuses an id listed twice: an added passage with a kept one’s id, or two added ones alike', () => {
    const last = whole([0])
    const kept = documents[0]!.map((p) => p.id)
    const added = documents[1]!.map((p) => p.id)
    const renumber = Int32Array.from(kept, (_, p) => p)
    const addedAt = Uint32Array.from(added, (_, i) => kept.length + i)
    const analysed = mergeAnalyses([analyses[0]!, analyses[1]!])
    const splice = (ids: string[]) => () => spliceKeywordData(last, { renumber, addedAt }, ids, analysed)
    expect(splice([...kept, ...added])).not.toThrow()
    expect(splice([...kept, kept[2]!, ...added.slice(1)])).toThrow('duplicate passage id')
    expect(splice([...kept, added[1]!, ...added.slice(1)])).toThrow('duplicate passage id')
  })

  it('refuses a last build that does not hold the kept passages', () => {
    const last = whole([0, 1])
    const ids = documents[0]!.map((p) => p.id)
    // Old passage 0 said to be kept as passage 1 (another passage's id), the others added: the ids disagree.
    const renumber = new Int32Array(last.ids.length).fill(-1)
    renumber[0] = 1
    const addedAt = Uint32Array.from(ids.map((_, p) => p).filter((p) => p !== 1))
    expect(spliceKeywordData(last, { renumber, addedAt }, ids, mergeAnalyses([analyses[0]!]))).toBeNull()
    renumber[0] = 0
    const fine = Uint32Array.from(ids.map((_, p) => p).filter((p) => p !== 0))
    expect(spliceKeywordData(last, { renumber, addedAt: fine }, ids, mergeAnalyses([analyses[0]!]))).not.toBeNull()
  })
})
