// The search engine: parses a query, runs the ranking channels, fuses them and builds citable hits.

import type { ChannelScore, Citation, DocumentMeta, Passage, PassageKind, Ranked, SearchHit, SearchMode } from '../types.js'
import type { KeywordIndex } from '../index/keyword.js'
import { citationFor } from '../ingest/citation.js'
import { analyze, isStopWord, phraseForm, tokenize } from '../text/analyzer.js'
import { SearchError } from '../errors.js'
import { limitQuery } from './limits.js'
import { isEmptyQuery, parseQuery, type ParsedQuery } from './query.js'
import { reciprocalRankFusion, weightedScoreFusion, type ChannelRanking, type FusedHit } from './fusion.js'
import { makeSnippet, type HighlightSpec } from './snippet.js'
import { countFacets, preferKind, type Facets } from './facets.js'
import { Constraints, type ConstrainedPassage, type SearchFilters } from './constraints.js'
import { KeywordChannel } from './keyword-channel.js'
import { corpusVariantGroups, type VariantGroup } from '../variants/group.js'
import { VariantIndex, variantSummary } from './variants.js'

/** A ranking channel over query text (character n-grams, for instance). */
export interface TextRetriever {
  search(query: string, limit: number, filter?: (id: string) => boolean): Ranked
}

/** Dense retrieval: an embedder for the query and a vector index over passages. */
export interface DenseRetriever {
  readonly modelId: string
  search(query: string, limit: number, filter?: (id: string) => boolean): Promise<Ranked>
}

/** English → French query translation, for the cross-lingual channel. */
export interface QueryTranslator {
  isEnglish(text: string): boolean
  /** A French query for the keyword index, or '' when nothing could be translated. */
  translate(text: string): string
  /** What the translator has loaded, in words (a missing dictionary is said here). */
  readonly status?: { note: string }
}

export interface EngineParts {
  documents: DocumentMeta[]
  passages: Passage[]
  keyword: KeywordIndex
  ngram?: TextRetriever | null
  dense?: DenseRetriever | null
  translator?: QueryTranslator | null
  /** Said plainly in /health and in every response when there is no dense model. */
  semanticNote?: string
  /** Defaults to `defaultFusion`. */
  fusion?: FusionConfig
  /** Variant groups computed at index build (`corpusVariantGroups`); computed here when absent. */
  variantGroups?: VariantGroup[]
}

export interface SearchRequest extends SearchFilters {
  q: string
  /** Defaults to `hybrid`. */
  mode?: SearchMode
  /** Results per page, 1–100. Defaults to 10. */
  k?: number
  /** Results to skip. Defaults to 0. */
  offset?: number
  /** Ranks the passages of this kind first, each kind keeping its order (`recommendation` for a drafter). */
  prefer?: PassageKind
  /** Shows each group of variants once, as its best-ranked member; `total` then counts what is shown. */
  collapse?: boolean
}

export interface SemanticStatus {
  /** Channels that ran for this query, besides the keyword one. */
  channels: string[]
  dense: boolean
  model: string | null
  note: string
  /** Which English→French dictionaries are loaded, or null without a translator. */
  translation: string | null
}

export interface SearchResponse {
  query: string
  mode: SearchMode
  total: number
  tookMs: number
  offset: number
  k: number
  results: SearchHit[]
  semantic: SemanticStatus
  /** What was left out of a query too large to search whole (see `limitQuery`); absent when nothing was. */
  notes?: string[]
  /** Matching passages per year, document and kind (see `countFacets` for which filters apply). */
  facets: Facets
}

export const searchDefaults = { mode: 'hybrid' as SearchMode, k: 10, offset: 0 }
export const MAX_QUERY_LENGTH = 1000
export const MAX_K = 100
/** How deep each semantic channel looks: its hits beyond this rank cannot change a page of 100. */
export const SEMANTIC_DEPTH = 100

/** How channels are fused, and the weight of each (see docs/ranking.md for the figures behind them). */
export interface FusionConfig {
  method: 'rrf' | 'weighted'
  weights: Record<string, number>
}

/**
 * Max-normalised weighted sum: score(d) = Σ_c w_c · s_c(d) / max_c s_c. It beat reciprocal rank fusion
 * (k = 60, same weights) on PIAF (nDCG@10 0.817 vs 0.806) and tied on the seed queries (0.796 vs 0.793):
 * RRF gives the n-gram channel's long tail of weak matches the same say as BM25's confident ones.
 * RRF stays available (`method: 'rrf'`). Figures and method: docs/ranking.md.
 */
export const defaultFusion: FusionConfig = { method: 'weighted', weights: { keyword: 1, crosslingual: 1, ngram: 1, dense: 1 } }

interface IndexedPassage extends ConstrainedPassage {
  citation: Citation
}

export class Engine {
  private readonly byId = new Map<string, IndexedPassage>()
  private readonly documentsById = new Map<string, DocumentMeta>()
  readonly documents: DocumentMeta[]
  readonly passages: Passage[]
  /** Each document's passages in order, for a passage's previous and next. */
  private readonly siblings = new Map<string, Passage[]>()
  private readonly fusion: FusionConfig
  /** Passages restated in other documents, grouped (computed once, here). */
  readonly variants: VariantIndex
  private readonly constraints: Constraints
  private readonly keyword: KeywordChannel

  constructor(readonly parts: EngineParts) {
    this.documents = parts.documents
    this.passages = parts.passages
    this.fusion = parts.fusion ?? defaultFusion
    for (const document of parts.documents) this.documentsById.set(document.id, document)
    for (const passage of parts.passages) {
      const document = this.documentsById.get(passage.docId)
      if (!document) throw new SearchError('INDEX_CORRUPT', `Passage ${passage.id} names an unknown document ${passage.docId}.`)
      this.byId.set(passage.id, { passage, document, citation: citationFor(document, passage), phraseForm: ` ${phraseForm(passage.text)} ` })
      const siblings = this.siblings.get(passage.docId)
      if (siblings) siblings.push(passage)
      else this.siblings.set(passage.docId, [passage])
    }
    this.variants = new VariantIndex(parts.variantGroups ?? corpusVariantGroups(parts.documents, parts.passages))
    this.constraints = new Constraints(this.byId, parts.documents, parts.keyword)
    this.keyword = new KeywordChannel(parts.keyword, parts.passages.map((p) => p.id))
  }

  get semanticStatus(): SemanticStatus {
    const channels = [this.parts.ngram && 'ngram', this.parts.translator && 'crosslingual', this.parts.dense && 'dense'].filter(
      (c): c is string => Boolean(c),
    )
    return {
      channels,
      dense: Boolean(this.parts.dense),
      model: this.parts.dense?.modelId ?? null,
      note: this.parts.dense
        ? `Dense embeddings from ${this.parts.dense.modelId}.`
        : (this.parts.semanticNote ?? 'No embedding model is installed: semantic search uses the offline channels only.'),
      translation: this.parts.translator ? (this.parts.translator.status?.note ?? 'English→French translation is on.') : null,
    }
  }

  passage(id: string): { passage: Passage; citation: Citation; previous: string | null; next: string | null } | null {
    const entry = this.byId.get(id)
    if (!entry) return null
    const siblings = this.siblings.get(entry.passage.docId)!
    const at = siblings.indexOf(entry.passage)
    return { passage: entry.passage, citation: entry.citation, previous: siblings[at - 1]?.id ?? null, next: siblings[at + 1]?.id ?? null }
  }

  document(idOrFile: string): DocumentMeta | null {
    return this.documentsById.get(idOrFile) ?? this.documents.find((d) => d.file === idOrFile) ?? null
  }

  citation(id: string): Citation | null {
    return this.byId.get(id)?.citation ?? null
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const started = performance.now()
    const { mode, k, offset } = { ...searchDefaults, ...stripUndefined(request) }
    validate(request.q, k, offset)
    const { query, notes } = limitQuery(parseQuery(request.q))
    const matchedTerms = new Map<string, string[]>()
    const fused = isEmptyQuery(query) ? [] : await this.rank(query, mode, this.constraints.filterFor(request, query), matchedTerms)
    const ranked = request.prefer ? preferKind(fused, request.prefer, (id) => this.byId.get(id)!.passage.kind) : fused
    const listed = request.collapse ? this.variants.collapse(ranked) : ranked
    const page = listed.slice(offset, offset + k)
    const highlight = {
      stems: new Set([...query.terms, ...query.phraseTerms, ...page.flatMap((h) => matchedTerms.get(h.id) ?? [])]),
      phrases: query.phrases,
      // The n-gram channel forgives typos the keyword index cannot; show the words it matched too.
      typoWords: mode === 'keyword' ? [] : tokenize(query.text).map((t) => t.term).filter((w) => !isStopWord(w)),
    }
    const results = page.map((hit, i) => this.hit(hit, offset + i + 1, highlight))
    const facets = await countFacets(request, fused.map((hit) => hit.id), {
      matches: async (without) => (isEmptyQuery(query) ? [] : (await this.rank(query, mode, this.constraints.filterFor(without, query), new Map())).map((hit) => hit.id)),
      passes: (only) => this.constraints.filterFor(only, parseQuery('')),
      subject: (id) => {
        const { document, passage } = this.byId.get(id)!
        return { year: document.year, docId: document.id, kind: passage.kind }
      },
      documents: this.documents,
    })
    return { query: request.q, mode, total: listed.length, facets, tookMs: round(performance.now() - started), offset, k, results, semantic: this.semanticStatus, ...(notes.length ? { notes } : {}) }
  }

  /**
   * Runs the channels of the mode and fuses them. `matchedTerms` collects, per hit, the index terms its
   * keyword matches used (fuzzy and prefix expansions included), for highlighting.
   */
  private async rank(query: ParsedQuery, mode: SearchMode, allowed: (id: string) => boolean, matchedTerms: Map<string, string[]>): Promise<FusedHit[]> {
    const channels: ChannelRanking[] = []
    // An English query is searched in French: its words read as French (`protection` in "witness protection") would
    // only find what its translation finds, less precisely. Keyword mode searches the words as typed.
    const french = mode === 'keyword' ? '' : this.translation(query.text)
    if (mode !== 'semantic' && !french) channels.push({ name: 'keyword', ranked: this.keyword.rank(query, allowed, matchedTerms) })
    if (mode !== 'keyword') channels.push(...(await this.semanticChannels(query, french, allowed, matchedTerms)))
    const fuse = this.fusion.method === 'rrf' ? reciprocalRankFusion : weightedScoreFusion
    for (const channel of channels) channel.weight = this.fusion.weights[channel.name] ?? 1
    const fused = fuse(channels)
    if (mode === 'keyword') return fused
    // Report the semantic side as one rank too, so a hit reads as "keyword rank, semantic rank".
    const byId = new Map(fused.map((hit) => [hit.id, hit]))
    fuse(channels.filter((c) => c.name !== 'keyword')).forEach((hit, i) => {
      byId.get(hit.id)!.channels.semantic = { rank: i + 1, score: round(hit.score) }
    })
    return fused
  }

  /** The French translation of an English query, or '' for a French one (or one nothing of which translates). */
  private translation(text: string): string {
    const { translator } = this.parts
    return text && translator?.isEnglish(text) ? translator.translate(text) : ''
  }

  private async semanticChannels(query: ParsedQuery, french: string, allowed: (id: string) => boolean, matchedTerms: Map<string, string[]>): Promise<ChannelRanking[]> {
    const channels: ChannelRanking[] = []
    const text = query.text
    if (!text) return channels
    const { ngram, dense } = this.parts
    if (ngram) channels.push({ name: 'ngram', ranked: ngram.search(french || text, SEMANTIC_DEPTH, allowed) })
    if (french) {
      const matches = this.parts.keyword.search(analyze(french), { filter: allowed, prefixLast: false })
      for (const match of matches) matchedTerms.set(match.id, [...(matchedTerms.get(match.id) ?? []), ...match.terms])
      channels.push({ name: 'crosslingual', ranked: matches.slice(0, SEMANTIC_DEPTH).map((m) => [m.id, round(m.score)]) })
    }
    if (dense) channels.push({ name: 'dense', ranked: await dense.search(text, SEMANTIC_DEPTH, allowed) })
    return channels
  }

  /**
   * Every passage a keyword search matches, unpaged, best first: what `total` counts with `mode=keyword`. A passage
   * matches when it holds a query word (typos tolerated, the last word as a prefix), every required phrase and no
   * excluded word or phrase, within the filters; for a phrase alone that is every passage containing it.
   */
  keywordMatches(request: SearchRequest): string[] {
    validate(request.q, 1, 0)
    const { query } = limitQuery(parseQuery(request.q))
    return isEmptyQuery(query) ? [] : this.keyword.rank(query, this.constraints.filterFor(request, query), new Map()).map(([id]) => id)
  }

  /**
   * "More like this": the passages nearest to one by wording and meaning, found by hybrid search with its text as
   * the query (no phrase or exclusion syntax read into it), the passage and its variants left out. Null for an
   * unknown id.
   */
  async similar(id: string, k = 5): Promise<SearchHit[] | null> {
    const entry = this.byId.get(id)
    if (!entry) return null
    const text = entry.passage.text
    const { query } = limitQuery({ raw: text, text, terms: analyze(text), phrases: [], phraseTerms: [], excludedTerms: [], excludedPhrases: [] })
    const left = new Set(this.variants.groupOf(id)?.members ?? [id])
    const fused = await this.rank(query, 'hybrid', (other) => this.byId.has(other) && !left.has(other), new Map())
    return fused.slice(0, k).map((hit, i) => this.hit(hit, i + 1, { stems: new Set(), phrases: [] }))
  }

  /** A fused hit as the API shows it: passage, snippet, citation, per-channel scores and variants. */
  private hit(hit: FusedHit, rank: number, highlight: HighlightSpec): SearchHit {
    const { passage, citation } = this.byId.get(hit.id)!
    return {
      id: hit.id,
      rank,
      score: round(hit.score),
      text: passage.text,
      snippet: makeSnippet(passage.text, highlight),
      citation,
      kind: passage.kind,
      scores: { keyword: null, semantic: null, ...roundScores(hit.channels) },
      ...this.variantsField(hit.id),
    }
  }

  private variantsField(id: string): Pick<SearchHit, 'variants'> {
    const group = this.variants.groupOf(id)
    return group ? { variants: variantSummary(group, id, (member) => this.byId.get(member)!.citation) } : {}
  }
}

function validate(q: string, k: number, offset: number): void {
  if (typeof q !== 'string' || q.trim() === '') throw new SearchError('QUERY_EMPTY')
  if (q.length > MAX_QUERY_LENGTH) throw new SearchError('QUERY_TOO_LONG', `The query is ${q.length} characters long; the limit is ${MAX_QUERY_LENGTH}.`)
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw new SearchError('BAD_PARAMETER', `k must be a whole number from 1 to ${MAX_K}.`)
  if (!Number.isInteger(offset) || offset < 0) throw new SearchError('BAD_PARAMETER', 'offset must be a whole number, 0 or more.')
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

const round = (n: number) => Math.round(n * 10_000) / 10_000

function roundScores(channels: Record<string, ChannelScore>): Record<string, ChannelScore> {
  return Object.fromEntries(Object.entries(channels).map(([name, { rank, score }]) => [name, { rank, score: round(score) }]))
}
