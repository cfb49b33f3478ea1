// The learned fusion's feature rows (FeatureReader) on five hand-written passages, read without the engine: each
// value below is worked out from the passage's words, or tied to the keyword index's own score (a lower layer,
// not the code under test) where BM25 itself is the feature. The n-gram scores come from a fake, named so.

import { describe, expect, it } from 'vitest'
import { inverseDocumentFrequency } from '../../src/index/bm25.js'
import { keywordDocument } from '../../src/index/build.js'
import { KeywordIndex } from '../../src/index/keyword.js'
import { F, FEATURES, FeatureReader, sameSection, type NgramScores } from '../../src/search/features.js'
import type { Passage } from '../../src/types.js'

const table: Array<[text: string, section: string[]]> = [
  ['Protection des témoins assurée par la loi.', []],
  ['Il faut protéger les témoins et leurs familles.', []],
  ['Les témoins ont été entendus par le tribunal.', []],
  ['Le tribunal a protégé la famille du témoin.', []],
  ['Les mesures prises par les États.', ['Protection des témoins']],
  // An OCR misreading of témoins: a typo neighbour of the stem temoin in the vocabulary.
  ['Des temoims ont parlé.', []],
]
const N = table.length

let built: KeywordIndex | undefined
/** Built inside the tests (not when the file loads): Stryker would count it as static. */
function index(): KeywordIndex {
  if (built) return built
  const passages: Passage[] = table.map(([text, section], order) => ({
    id: `p${order}`, docId: 'd', file: 'd.pdf', paragraph: String(order + 1), section, start: 0, end: text.length, text, kind: 'narrative', order,
  }))
  return (built = KeywordIndex.build(passages.map(keywordDocument)))
}

/** A fake n-gram channel: the cosine and coverage of each passage, as the test sets them. */
const fakeNgram = (cosine: number[], coverage: number[]): NgramScores => ({
  cosine: (id) => cosine[Number(id.slice(1))] ?? 0,
  coverage: (id) => coverage[Number(id.slice(1))] ?? 0,
})

/** The rows of passages `docs` for query `q` (its terms as the keyword channel analyses them), fused scores `fused`. */
function rows(q: string, terms: string[], docs: number[], options: { fused?: number[]; ngram?: NgramScores | null; deadline?: number; least?: number; sections?: number[] } = {}) {
  const keyword = index().query(terms)
  const reader = new FeatureReader(index(), keyword, options.ngram ?? null, q, options.sections ?? null)
  return { keyword, rows: reader.read(docs, options.fused ?? docs.map(() => 1), options.deadline, options.least) }
}

const idf = (df: number) => inverseDocumentFrequency(df, N)

describe('FeatureReader: the keyword side', () => {
  it('one exact word in the text: its BM25 is the text feature and the keyword score, nothing in headings or expansions', () => {
    // témoins: passages 0–3 in the text (3 as témoin), 4 in its heading.
    const { keyword, rows: [row0, row4] } = rows('témoins', ['temoin'], [0, 4])
    expect(row0![F.text]).toBeCloseTo(Math.log1p(keyword.score(0)), 12)
    expect(row0![F.keywordLog]).toBeCloseTo(Math.log1p(keyword.score(0)), 12)
    expect(row0![F.headings]).toBe(0)
    expect(row0![F.expanded]).toBe(0)
    // Passage 4 holds it in its heading only.
    expect(row4![F.text]).toBe(0)
    expect(row4![F.headings]).toBeGreaterThan(0)
    expect(row4![F.keywordLog]).toBeCloseTo(Math.log1p(keyword.score(4)), 12)
    expect(row4![F.expanded]).toBe(0)
  })

  it('a word found only through a typo counts as expanded, not as text', () => {
    const { keyword, rows: [row] } = rows('temoinx', ['temoinx'], [2])
    expect(keyword.score(2)).toBeGreaterThan(0)
    expect(row![F.text]).toBe(0)
    expect(row![F.headings]).toBe(0)
    expect(row![F.expanded]).toBeCloseTo(Math.log1p(keyword.score(2)), 12)
  })

  it('terms and termsIdf: the share of the query\'s terms held, plain and weighted by IDF', () => {
    // protection (stem protect: in the text of passage 0 only, in the heading of 4; protéger and protégé are proteg)
    // and tribunal (passages 2 and 3). The IDF is read over the text field.
    const { rows: [row0, row2, row1] } = rows('protection tribunal', ['protect', 'tribunal'], [0, 2, 1])
    expect([row0![F.terms], row2![F.terms], row1![F.terms]]).toEqual([0.5, 0.5, 0])
    const protect = idf(1)
    const tribunal = idf(2)
    expect(row0![F.termsIdf]).toBeCloseTo(protect / (protect + tribunal), 12)
    expect(row1![F.termsIdf]).toBe(0)
    const { rows: [both] } = rows('témoins tribunal', ['temoin', 'tribunal'], [2])
    expect(both![F.terms]).toBe(1)
    expect(both![F.termsIdf]).toBe(1)
  })

  it('divides fused, keyword, ngram and textShare by the best among the rows, and no other column', () => {
    const ngram = fakeNgram([0.2, 0.4, 0.1, 0, 0], [0.5, 0.25, 0.75, 0, 0])
    const { keyword, rows: read } = rows('témoins', ['temoin'], [0, 1, 2], { fused: [2, 4, 1], ngram })
    expect(read.map((r) => r[F.fused])).toEqual([0.5, 1, 0.25])
    expect(read.map((r) => r[F.ngram])).toEqual([0.5, 1, 0.25])
    expect(read.map((r) => r[F.ngramCosine])).toEqual([0.2, 0.4, 0.1])
    expect(read.map((r) => r[F.ngramCoverage])).toEqual([0.5, 0.25, 0.75])
    const scores = [0, 1, 2].map((d) => keyword.score(d))
    const best = Math.max(...scores)
    read.forEach((r, i) => {
      expect(r[F.keyword]).toBeCloseTo(scores[i]! / best, 12)
      expect(r[F.textShare]).toBeCloseTo(scores[i]! / best, 12)
      expect(r[F.keywordLog]).toBeCloseTo(Math.log1p(scores[i]!), 12)
    })
    expect(Math.max(...read.map((r) => r[F.keyword]!))).toBe(1)
  })

  it('leaves a column of zeros at zero', () => {
    const { rows: read } = rows('témoins', ['temoin'], [0, 1], { fused: [0, 0] })
    expect(read.map((r) => r[F.fused])).toEqual([0, 0])
    expect(read.map((r) => r[F.ngram])).toEqual([0, 0])
  })
})

describe('FeatureReader: where the words sit', () => {
  it('length: log of one plus the distinct stems of the text', () => {
    // "Protection des témoins assurée par la loi.": protect, temoin, assur, loi.
    const { rows: [row] } = rows('témoins', ['temoin'], [0])
    expect(row![F.length]).toBeCloseTo(Math.log1p(4), 12)
  })

  it('window, pairs and span: the query\'s stems close together and in order', () => {
    // "protection des témoins": p0 has protection … témoins two words apart, in order; p2 témoins only.
    const { rows: [row0, row2] } = rows('protection des témoins', ['protect', 'temoin'], [0, 2])
    expect(row0![F.window]).toBeCloseTo(2 / 3, 12)
    expect(row0![F.pairs]).toBe(1)
    expect(row0![F.span]).toBeCloseTo(1, 12)
    expect(row2![F.window]).toBe(0)
    expect(row2![F.pairs]).toBe(0)
    // témoins alone of the two: its IDF share (text field: protect in 1 passage, temoin in 4).
    const protect = idf(1)
    const temoin = idf(4)
    expect(row2![F.span]).toBeCloseTo(temoin / (protect + temoin), 12)
  })

  it('an exact stem is placed through its own words only, not through its typo neighbours', () => {
    // témoins is exact (temoin); passage 5 holds only its neighbour temoims: matched through the expansion, not placed.
    const { keyword, rows: [row5] } = rows('témoins', ['temoin'], [5])
    expect(keyword.score(5)).toBeGreaterThan(0)
    expect(row5![F.span]).toBe(0)
    // Typed with a typo, every expansion places it: temoims is then where it sits.
    const typo = rows('temoir', ['temoir'], [5])
    expect(typo.rows[0]![F.span]).toBe(1)
  })

  it('pairs: a share of the query\'s consecutive pairs; with one term there is none', () => {
    // tribunal protéger famille: p3 "Le tribunal a protégé la famille": tribunal→protég two apart, protég→famill two apart.
    const three = rows('tribunal protéger famille', ['tribunal', 'proteg', 'famill'], [3, 1])
    expect(three.rows[0]![F.pairs]).toBe(1)
    // p1 "Il faut protéger les témoins et leurs familles": no tribunal; protéger→familles five apart.
    expect(three.rows[1]![F.pairs]).toBe(0)
    const reversed = rows('famille tribunal', ['famill', 'tribunal'], [3])
    expect(reversed.rows[0]![F.pairs]).toBe(0)
    const one = rows('tribunal', ['tribunal'], [3])
    expect(one.rows[0]![F.pairs]).toBe(0)
    expect(one.rows[0]![F.window]).toBe(0)
  })

  it('exact: the IDF share of the query\'s words found as written', () => {
    // "protéger témoins": p1 holds both as written; p0 holds témoins but protection, not protéger; p3 neither (protégé, témoin).
    const { rows: [row1, row0, row3] } = rows('protéger témoins', ['proteg', 'temoin'], [1, 0, 3])
    expect(row1![F.exact]).toBe(1)
    const proteger = idf(1)
    const temoins = idf(3)
    expect(row0![F.exact]).toBeCloseTo(temoins / (proteger + temoins), 12)
    expect(row3![F.exact]).toBe(0)
    // The corpus's first word (word id 0) is a query word like any other.
    const { rows: [first] } = rows('protection témoins', ['protect', 'temoin'], [2])
    expect(first![F.exact]).toBeCloseTo(temoins / (idf(1) + temoins), 12)
    // A stop word is no query word; a word no passage holds weighs like any missing one.
    const { rows: [withUnknown] } = rows('les témoins zorglub', ['temoin', 'zorglub'], [0])
    expect(withUnknown![F.exact]).toBeCloseTo(temoins / (temoins + idf(0)), 12)
  })
})

describe('FeatureReader: the candidates under one heading', () => {
  // Passages 0 and 1 share a section, 2 and 3 are each alone in theirs; the fake cosines (exact in binary) make ngram 0.5, 1, 0.25, 0.75.
  const ngram = fakeNgram([0.25, 0.5, 0.125, 0.375], [0, 0, 0, 0])
  const sections = [0, 0, 1, 2, 3, 4]

  it('sectionOthers: the best ngram among the other candidates under the same heading; 0 alone', () => {
    const { rows: read } = rows('témoins', ['temoin'], [0, 1, 2, 3], { ngram, sections })
    // 0 and 1 each see the other; 2 and 3 have no other candidate in their sections.
    expect(read.map((r) => r[F.sectionOthers])).toEqual([1, 0.5, 0, 0])
  })

  it('sectionOthers: the leader sees the second best, in any order; a tie sees its equal', () => {
    const three = fakeNgram([0.5, 0.25, 0.125], [0, 0, 0])
    // One section of three (cosines 0.5, 0.25, 0.125 → ngram 1, 0.5, 0.25), read with the leader last.
    const { rows: read } = rows('témoins', ['temoin'], [2, 1, 0], { ngram: three, sections: [0, 0, 0] })
    expect(read.map((r) => r[F.sectionOthers])).toEqual([1, 1, 0.5])
    const tie = fakeNgram([0.375, 0.375], [0, 0])
    expect(rows('témoins', ['temoin'], [0, 1], { ngram: tie, sections: [0, 0] }).rows.map((r) => r[F.sectionOthers])).toEqual([1, 1])
  })

  it('sectionOthers past the deadline: a candidate whose row was not read still counts under its heading', () => {
    // Only passage 0's row is read; passage 1, in its section, still scores: the best cosine is its 0.5, so 1.
    const { rows: read } = rows('témoins', ['temoin'], [0, 1, 2, 3], { ngram, sections, deadline: -1, least: 1 })
    expect(read).toHaveLength(1)
    expect(read[0]![F.sectionOthers]).toBe(1)
  })

  it('sectionOthers without sections: every candidate alone', () => {
    const { rows: read } = rows('témoins', ['temoin'], [0, 1, 2, 3], { ngram })
    expect(read.map((r) => r[F.sectionOthers])).toEqual([0, 0, 0, 0])
  })

  it('sameSection: the same document and the same heading path, whole', () => {
    const at = (docId: string, section: string[]) => ({ docId, section })
    expect(sameSection(at('a', ['I', 'A']), at('a', ['I', 'A']))).toBe(true)
    expect(sameSection(at('a', []), at('a', []))).toBe(true)
    expect(sameSection(at('a', ['I', 'A']), at('a', ['I', 'B']))).toBe(false)
    expect(sameSection(at('a', ['I', 'A']), at('a', ['I']))).toBe(false)
    expect(sameSection(at('a', ['I']), at('a', ['I', 'A']))).toBe(false)
    expect(sameSection(at('a', ['I']), at('b', ['I']))).toBe(false)
  })
})

describe('FeatureReader: rows', () => {
  it('one row per passage asked, in order, of every feature', () => {
    const { rows: read } = rows('témoins', ['temoin'], [2, 0, 1])
    expect(read).toHaveLength(3)
    for (const row of read) expect(row).toHaveLength(FEATURES.length)
    expect(read[1]![F.length]).toBeCloseTo(Math.log1p(4), 12)
  })

  it('past the deadline reads only the first `least` rows', () => {
    expect(rows('témoins', ['temoin'], [0, 1, 2], { deadline: -1, least: 1 }).rows).toHaveLength(1)
    expect(rows('témoins', ['temoin'], [0, 1, 2], { deadline: -1 }).rows).toHaveLength(3)
    expect(rows('témoins', ['temoin'], [0, 1, 2], { least: 0 }).rows).toHaveLength(3)
  })

  it('without a keyword query, only the n-gram scores and the length', () => {
    const reader = new FeatureReader(index(), null, fakeNgram([0.5], [0.25]), 'témoins')
    const [row] = reader.read([0], [1])
    const expected = new Float64Array(FEATURES.length)
    expected[F.fused] = 1
    expected[F.ngram] = 1
    expected[F.ngramCosine] = 0.5
    expected[F.ngramCoverage] = 0.25
    expected[F.length] = Math.log1p(4)
    expect([...row!].map((v) => Number(v.toFixed(12)))).toEqual([...expected].map((v) => Number(v.toFixed(12))))
  })
})
