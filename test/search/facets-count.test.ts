// Facet counting on hand-made passage columns and sets (the engine's use of it is tested on the seeds in
// facets.test.ts and facets-definition.test.ts): each count below is worked out by hand from the table.

import { describe, expect, it } from 'vitest'
import { Bitset } from '../../src/index/bitset.js'
import { NO_YEAR, type FilterSets, type PassageColumns } from '../../src/search/constraints.js'
import { countFacets, emptyFacets, preferKind, type FacetInput, type FacetName } from '../../src/search/facets.js'
import type { DocumentMeta } from '../../src/types.js'

const SIZE = 70
// Passage number → [year slot, document, kind]. Years: slot 0 = 2015, 1 = 2012, 2 = unknown (listed out of order on
// purpose). Documents: 0 = A (2012), 1 = B (2015), 2 = C (unknown). Kinds: 0 recommendation, 1 deliberation,
// 2 narrative. Numbers across three 32-bit words (31, 32, 63, 64). Passages not listed: slot 0, document 1, kind 2.
const table: Record<number, [number, number, number]> = {
  0: [1, 0, 0],
  1: [1, 0, 1],
  31: [0, 1, 0],
  32: [0, 1, 2],
  33: [2, 2, 2],
  63: [2, 2, 0],
  64: [1, 0, 0],
  // Only the semantic channels or the dense one reach these.
  5: [1, 0, 2],
  6: [0, 1, 1],
  7: [2, 2, 1],
}
const columns: PassageColumns = {
  year: new Int32Array(SIZE),
  yearSlot: new Uint16Array(SIZE),
  years: [2015, 2012, NO_YEAR],
  document: new Uint32Array(SIZE).fill(1),
  kind: new Uint8Array(SIZE).fill(2),
}
for (const [n, [slot, document, kind]] of Object.entries(table)) {
  columns.yearSlot[Number(n)] = slot
  columns.document[Number(n)] = document
  columns.kind[Number(n)] = kind
}
const documents = [
  { id: 'A', file: 'a.pdf', symbol: 'S/A', title: 'Rapport A', year: 2012 },
  { id: 'B', file: 'b.pdf', symbol: 'S/B', title: 'Rapport B', year: 2015 },
  { id: 'C', file: 'c.txt', symbol: '', title: 'Note C', year: null },
] as DocumentMeta[]
/** The passages of the table (and the unlisted ones, all slot 0 / document 1 / kind 2) for which `keep` holds. */
const where = (keep: (slot: number, document: number, kind: number) => boolean) =>
  Bitset.of(SIZE, [...Array(SIZE).keys()].filter((n) => keep(columns.yearSlot[n]!, columns.document[n]!, columns.kind[n]!)))
const keywordMatches = Bitset.of(SIZE, [0, 1, 31, 32, 33, 63, 64])
const noFilter: FilterSets = { year: null, document: null, kind: null }

function input(fields: Partial<FacetInput>, dense: Partial<Record<FacetName, number[]>> = {}) {
  const asked: FacetName[] = []
  const value: FacetInput = {
    columns,
    documents,
    filters: noFilter,
    unfiltered: keywordMatches,
    semantic: [],
    denseWithout: async (facet) => (asked.push(facet), dense[facet] ?? []),
    ...fields,
  }
  return { value, asked }
}
const counts = (facets: Awaited<ReturnType<typeof countFacets>>) => ({
  year: facets.year.map((f) => [f.value, f.count]),
  document: facets.document.map((f) => [f.value, f.count]),
  kind: facets.kind.map((f) => [f.value, f.count]),
})

describe('countFacets', () => {
  it('counts every match per year (oldest first, unknown last), document (corpus order) and kind', async () => {
    const { value, asked } = input({})
    expect(counts(await countFacets(value))).toEqual({
      year: [[2012, 3], [2015, 2], [null, 2]],
      document: [['A', 3], ['B', 2], ['C', 2]],
      kind: [['recommendation', 4], ['deliberation', 1], ['narrative', 2]],
    })
    expect(asked).toEqual([])
  })

  it('gives each document value its file, symbol, title and year', async () => {
    const { value } = input({ unfiltered: Bitset.of(SIZE, [33]) })
    expect((await countFacets(value)).document).toEqual([{ value: 'C', file: 'c.txt', symbol: '', title: 'Note C', year: null, count: 1 }])
  })

  it('lists only values with matches, and nothing without matches', async () => {
    const { value } = input({ unfiltered: Bitset.of(SIZE, [31]) })
    expect(counts(await countFacets(value))).toEqual({ year: [[2015, 1]], document: [['B', 1]], kind: [['recommendation', 1]] })
    expect(await countFacets(input({ unfiltered: null }).value)).toEqual({ year: [], document: [], kind: [] })
    expect(await countFacets(input({ unfiltered: new Bitset(SIZE) }).value)).toEqual({ year: [], document: [], kind: [] })
  })

  it('a filter leaves its own facet whole and narrows the others', async () => {
    // kind=recommendation: matches 0, 31, 63, 64.
    const { value, asked } = input({ filters: { ...noFilter, kind: where((_, __, kind) => kind === 0) } })
    expect(counts(await countFacets(value))).toEqual({
      year: [[2012, 2], [2015, 1], [null, 1]],
      document: [['A', 2], ['B', 1], ['C', 1]],
      kind: [['recommendation', 4], ['deliberation', 1], ['narrative', 2]],
    })
    expect(asked).toEqual(['kind'])
  })

  it('each filter set narrows the two other facets, not its own', async () => {
    // year=2012 (slot 1): 0, 1, 64 (and 5, not matched); document=A: the same passages; kind=recommendation.
    const filters: FilterSets = {
      year: where((slot) => slot === 1),
      document: where((_, document) => document === 0),
      kind: where((_, __, kind) => kind === 0),
    }
    const { value, asked } = input({ filters })
    expect(counts(await countFacets(value))).toEqual({
      // Document A and recommendation: 0, 64, both 2012.
      year: [[2012, 2]],
      // 2012 and recommendation: 0, 64 in A.
      document: [['A', 2]],
      // 2012 and A: 0, 1, 64.
      kind: [['recommendation', 2], ['deliberation', 1]],
    })
    expect(asked).toEqual(['year', 'document', 'kind'])
  })

  it('adds the semantic matches no filter moves to every facet, once', async () => {
    // 5 and 6 only, 0 and 31 already among the matches.
    const { value } = input({ semantic: [5, 0, 6, 31] })
    expect(counts(await countFacets(value))).toEqual({
      year: [[2012, 4], [2015, 3], [null, 2]],
      document: [['A', 4], ['B', 3], ['C', 2]],
      kind: [['recommendation', 4], ['deliberation', 2], ['narrative', 3]],
    })
    const alone = input({ unfiltered: null, semantic: [7] }).value
    expect(counts(await countFacets(alone))).toEqual({ year: [[null, 1]], document: [['C', 1]], kind: [['deliberation', 1]] })
  })

  it('counts in a filtered facet the dense passages its filter leaves out, not those it keeps or already counted', async () => {
    const year2015 = where((slot) => slot === 0)
    // Dense without the year filter: 5 (2012, new), 7 (unknown year, new), 6 (2015: kept by the filter, already
    // among `semantic` when it matched), 0 (2012, a keyword match already counted).
    const { value, asked } = input({ filters: { ...noFilter, year: year2015 }, semantic: [6] }, { year: [5, 7, 6, 0], kind: [5] })
    expect(counts(await countFacets(value))).toEqual({
      // Keyword matches for the year facet (no other filter): 0, 1, 64 → 2012; 31, 32 → 2015; 33, 63 → unknown;
      // plus 6 (semantic) → 2015, 5 → 2012, 7 → unknown.
      year: [[2012, 4], [2015, 3], [null, 3]],
      // Document and kind count only what passes year=2015: 31, 32 and 6, all in B.
      document: [['B', 3]],
      kind: [['recommendation', 1], ['deliberation', 1], ['narrative', 1]],
    })
    // Only the facet whose filter is set is asked about.
    expect(asked).toEqual(['year'])
  })

  it('the dense passages left out by the document and kind filters go to those facets only', async () => {
    const filters: FilterSets = { year: null, document: where((_, document) => document === 2), kind: where((_, __, kind) => kind === 2) }
    // Dense without the document filter (still narrative): 5 (A), 40 (B, unlisted), 33 (C: kept by the filter).
    // Dense without the kind filter (still document C): 7 (deliberation), 63 (a keyword match).
    const { value, asked } = input({ filters }, { document: [5, 40, 33], kind: [7, 63] })
    expect(counts(await countFacets(value))).toEqual({
      // Document C and narrative: 33.
      year: [[null, 1]],
      // Narrative: 32 (B), 33 (C); plus dense 5 (A) and 40 (B).
      document: [['A', 1], ['B', 2], ['C', 1]],
      // Document C: 33 (narrative), 63 (recommendation); plus dense 7 (deliberation).
      kind: [['recommendation', 1], ['deliberation', 1], ['narrative', 1]],
    })
    expect(asked).toEqual(['document', 'kind'])
  })
})

describe('the survivors of the first Stryker run (session 7)', () => {
  // 64 passages (two whole 32-bit words), five years listed out of order.
  const size = 64
  const cols: PassageColumns = {
    year: new Int32Array(size),
    yearSlot: new Uint16Array(size),
    years: [2015, 2010, NO_YEAR, 2012, 2011],
    document: new Uint32Array(size),
    kind: new Uint8Array(size),
  }
  // Passage n has year slot n % 5; passage 63 (slot 3, 2012) is never matched.
  for (let n = 0; n < size; n++) cols.yearSlot[n] = n % 5
  const one = [{ id: 'A', file: 'a.pdf', symbol: '', title: 'A', year: 2012 }] as DocumentMeta[]
  const base = { columns: cols, documents: one, filters: noFilter, semantic: [], denseWithout: async () => [] } satisfies Omit<FacetInput, 'unfiltered'>

  it('reads a full set to its last word and no further, and sorts every year', async () => {
    const facets = await countFacets({ ...base, unfiltered: Bitset.of(size, [0, 1, 2, 3, 4, 31, 32, 62]) })
    // Slots: 0→0, 1→1, 2→2, 3→3, 4→4, 31→1, 32→2, 62→2.
    expect(facets.year).toEqual([
      { value: 2010, count: 2 },
      { value: 2011, count: 1 },
      { value: 2012, count: 1 },
      { value: 2015, count: 1 },
      { value: null, count: 3 },
    ])
    expect(facets.document).toEqual([{ value: 'A', file: 'a.pdf', symbol: '', title: 'A', year: 2012, count: 8 }])
  })

  it('counts the dense passages a filter leaves out when there is no other match', async () => {
    const facets = await countFacets({ ...base, unfiltered: null, filters: { ...noFilter, kind: Bitset.of(size, [1]) }, denseWithout: async () => [5, 1] })
    // 1 passes the filter (counted by the dense channel under every filter: not given here); 5 is left out by it.
    expect(facets.kind).toEqual([{ value: 'recommendation', count: 1 }])
  })

  it('emptyFacets lists nothing', () => {
    expect(emptyFacets()).toEqual({ year: [], document: [], kind: [] })
  })

  it('preferKind moves one kind first, each side in its order', () => {
    const kindOf = (id: string) => (id.startsWith('r') ? 'recommendation' : id.startsWith('d') ? 'deliberation' : 'narrative')
    const ranked = ['n1', 'r1', 'd1', 'r2', 'n2'].map((id) => ({ id }))
    expect(preferKind(ranked, 'recommendation', kindOf).map((h) => h.id)).toEqual(['r1', 'r2', 'n1', 'd1', 'n2'])
    expect(preferKind(ranked, 'narrative', kindOf).map((h) => h.id)).toEqual(['n1', 'n2', 'r1', 'd1', 'r2'])
    expect(preferKind([], 'narrative', kindOf)).toEqual([])
  })
})
