// The search engine: parses a query, applies its constraints, runs the ranking channels once, and builds the page
// of citable hits with the facets and total of every match.

import type { ChannelScore, Citation, ClusterStatus, DocumentMeta, FusionExplanation, Passage, PassageKind, RepairedText, SearchHit, SearchMode } from '../types.js'
import type { KeywordIndex } from '../index/keyword.js'
import { Bitset } from '../index/bitset.js'
import { StringIndex } from '../binary/string-index.js'
import { adoptionYear } from '../ingest/adoption.js'
import { citationFor } from '../ingest/citation.js'
import { analyze, isStopWord, tokenize } from '../text/analyzer.js'
import { SearchError } from '../errors.js'
import { limitQuery } from './limits.js'
import { isEmptyQuery, parseQuery } from './query.js'
import type { FusedHit } from './fusion.js'
import { fusionModel } from './fusion-model.js'
import { sameSection } from './features.js'
import { makeSnippet, SNIPPET_LENGTH, type HighlightSpec, type StoredStem } from './snippet.js'
import { countFacets, emptyFacets, preferKind, type FacetName, type Facets } from './facets.js'
import { Constraints, intersect, KINDS, NO_YEAR, type FilterSets, type SearchFilters } from './constraints.js'
import { KeywordChannel } from './keyword-channel.js'
import { queryNotices, type QueryNotice } from './notices.js'
import { TextRepair } from './repair.js'
import { sortHits, type PassageDate, type SortOrder } from './sort.js'
import { denseMatches, Retrieval, type DenseRetriever, type FusionConfig, type QueryTranslator, type RetrievalParts, type TextRetriever } from './retrieval.js'
import { corpusVariantGroups, type VariantGroup } from '../variants/group.js'
import { VariantIndex, variantSummary } from './variants.js'

export type { DenseRetriever, FusionConfig, QueryTranslator, TextRetriever } from './retrieval.js'
export { SEMANTIC_DEPTH } from './retrieval.js'

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
  /** Defaults to `TIME_BUDGET_MS`. */
  timeBudgetMs?: number
  /** The corpus's spelling repairs stored at index build (`learnRepairs`); learned from the passages when absent. */
  repairs?: ReadonlyMap<string, string>
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
  /** `relevance` (default), `date` (oldest first) or `-date` (newest first): see `sortHits`. */
  sort?: SortOrder
}

export interface SemanticStatus {
  /** Channels that ran for this query, besides the keyword one. */
  channels: string[]
  dense: boolean
  model: string | null
  /** When the dense channel searches through clusters (approximate search): see `DenseRetriever.clusters`. */
  clusters?: ClusterStatus
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
  sort: SortOrder
  /** What was understood of the query, for the reader: a quote left open, a translation, a cut (see `queryNotices`). */
  notices: QueryNotice[]
}

export const searchDefaults = { mode: 'hybrid' as SearchMode, k: 10, offset: 0, sort: 'relevance' as SortOrder }
export const MAX_QUERY_LENGTH = 1000
export const MAX_K = 100
/** How long one search may run before it cuts what is left and says so in `notes`, in milliseconds. */
export const TIME_BUDGET_MS = 150
/** Past the budget the learned fusion's feature rows may still read for this share of it (see `Retrieval.fusedHead`). */
const ROWS_PAST_DEADLINE = 0.25
/** The share of the time budget the exclusions may use: the search itself then still has the rest. */
const EXCLUSIONS_SHARE = 0.5

/**
 * Max-normalised weighted sum: score(d) = Σ_c w_c · s_c(d) / max_c s_c. It beat reciprocal rank fusion
 * (k = 60, same weights) on PIAF (nDCG@10 0.817 vs 0.806) and tied on the seed queries (0.796 vs 0.793):
 * RRF gives the n-gram channel's long tail of weak matches the same say as BM25's confident ones.
 * RRF stays available (`method: 'rrf'`). Figures and method: docs/ranking.md.
 */
export const defaultFusion: FusionConfig = { method: 'weighted', weights: { keyword: 1, crosslingual: 1, ngram: 1, dense: 1 } }

/** The default: the weighted sum picks the candidates of a hybrid search and the committed model orders them. */
export function learnedFusionConfig(): FusionConfig {
  return { ...defaultFusion, method: 'learned', model: fusionModel() }
}

export class Engine {
  /** Each passage's number in the keyword index: what the match sets hold. */
  private readonly numbers: StringIndex
  /** The passages by number. */
  private readonly byNumber: Passage[]
  /**
   * The citations by number, each made on first use: made for every passage at load, they were a third of a
   * 100 000-passage start (strings and objects the garbage collector then walks for as long as the engine lives).
   */
  private readonly citations: Array<Citation | undefined>
  /** The variants field of each passage's hits, by number, made on first use (see `variantsField`). */
  readonly #variantsFields: Array<Pick<SearchHit, 'variants'> | undefined>
  /** Each passage's repaired text (null for none), by number, made on first use (see `repairedAt`). */
  readonly #repairedTexts: Array<RepairedText | null | undefined>
  private readonly documentsById = new Map<string, DocumentMeta>()
  readonly documents: DocumentMeta[]
  readonly passages: Passage[]
  /** Each document's passages in order, for a passage's previous and next: made on first use. */
  #siblings: Map<string, Passage[]> | undefined
  /** Passages restated in other documents, grouped (computed once, here). */
  readonly variants: VariantIndex
  private readonly constraints: Constraints
  private readonly retrievalParts: RetrievalParts
  /** Passage number → index of its variant group, or -1. */
  private readonly groupColumn: Int32Array
  private readonly timeBudgetMs: number
  /** The snippets' stems of the words the keyword index holds, read from it instead of stemmed. */
  private readonly storedStem: StoredStem
  /** `parts.translator`, answering again for the text it was last asked about (see `lastAnswered`). */
  private readonly translator: QueryTranslator | null

  constructor(readonly parts: EngineParts) {
    this.documents = parts.documents
    this.passages = parts.passages
    this.timeBudgetMs = parts.timeBudgetMs ?? TIME_BUDGET_MS
    this.translator = parts.translator ? lastAnswered(parts.translator) : null
    for (const document of parts.documents) this.documentsById.set(document.id, document)
    const index = parts.keyword
    this.storedStem = (word) => index.storedStem(word)
    if (index.size !== parts.passages.length) throw new SearchError('INDEX_CORRUPT', `The keyword index holds ${index.size} passages, the corpus ${parts.passages.length}.`)
    this.numbers = StringIndex.of(index.ids)
    this.byNumber = new Array<Passage>(index.size)
    this.citations = new Array<Citation | undefined>(index.size)
    this.#variantsFields = new Array<Pick<SearchHit, 'variants'> | undefined>(index.size)
    this.#repairedTexts = new Array<RepairedText | null | undefined>(index.size)
    const documentIndex = new Map(parts.documents.map((d, i) => [d.id, i]))
    const columns = { year: new Int32Array(index.size), document: new Uint32Array(index.size), kind: new Uint8Array(index.size) }
    const ids = index.ids
    // Passage number → its section's: a new section starts where the document or the heading path changes.
    const sections = new Uint32Array(index.size)
    let section = 0
    let document = -1
    parts.passages.forEach((passage, i) => {
      // A document's passages come one after another: its look-up is made once for them all.
      if (document < 0 || parts.documents[document]!.id !== passage.docId) document = documentIndex.get(passage.docId) ?? -1
      if (document < 0) throw new SearchError('INDEX_CORRUPT', `Passage ${passage.id} names an unknown document ${passage.docId}.`)
      // The keyword index numbers the passages in the corpus's order: its id list is checked, and searched only if not.
      const number = ids[i] === passage.id ? i : this.numbers.get(passage.id)
      if (number === undefined) throw new SearchError('INDEX_CORRUPT', `Passage ${passage.id} is missing from the keyword index.`)
      this.byNumber[number] = passage
      const owner = parts.documents[document]!
      // A restated recommendation counts in its adoption year: for the year filters, facets, timeline and date order.
      columns.year[number] = adoptionYear(owner, passage) ?? owner.year ?? NO_YEAR
      columns.document[number] = document
      columns.kind[number] = KINDS.indexOf(passage.kind)
      if (i > 0 && !sameSection(parts.passages[i - 1]!, passage)) section++
      sections[number] = section
    })
    this.variants = new VariantIndex(parts.variantGroups ?? corpusVariantGroups(parts.documents, parts.passages))
    this.constraints = new Constraints(columns, parts.documents, index)
    this.groupColumn = new Int32Array(index.size).fill(-1)
    this.variants.groups.forEach((group, g) => {
      for (const member of group.members) {
        const number = this.numbers.get(member)
        if (number !== undefined) this.groupColumn[number] = g
      }
    })
    this.retrievalParts = {
      index,
      keyword: new KeywordChannel(index),
      ngram: parts.ngram ?? null,
      dense: parts.dense ?? null,
      translator: this.translator,
      fusion: parts.fusion ?? learnedFusionConfig(),
      numberOf: (id) => this.numbers.get(id),
      sections,
    }
  }

  /** The passage's document, by number. */
  private documentAt(number: number): DocumentMeta {
    return this.documents[this.constraints.columns.document[number]!]!
  }

  /** The year a passage counts in, by number (null when unknown). */
  private yearAt(number: number): number | null {
    const year = this.constraints.columns.year[number]!
    return year === NO_YEAR ? null : year
  }

  /** A passage's citation, by number: made on its first use, then kept. */
  private citationAt(number: number): Citation {
    let citation = this.citations[number]
    if (citation === undefined) {
      const passage = this.byNumber[number]!
      const document = this.documentAt(number)
      const adopted = adoptionYear(document, passage)
      citation = this.citations[number] = { ...citationFor(document, passage), ...(adopted === undefined ? {} : { adopted }) }
    }
    return citation
  }

  /** When a passage's wording dates from, for `sort=date`. */
  private datedOf(id: string): PassageDate {
    const number = this.numbers.get(id)!
    const passage = this.byNumber[number]!
    return { year: this.yearAt(number), date: this.documentAt(number).date, documentOrder: this.constraints.columns.document[number]!, order: passage.order }
  }

  private passageOf(id: string): Passage {
    return this.byNumber[this.numbers.get(id)!]!
  }

  private get siblings(): Map<string, Passage[]> {
    if (!this.#siblings) {
      this.#siblings = new Map()
      for (const passage of this.passages) {
        const siblings = this.#siblings.get(passage.docId)
        if (siblings) siblings.push(passage)
        else this.#siblings.set(passage.docId, [passage])
      }
    }
    return this.#siblings
  }

  get semanticStatus(): SemanticStatus {
    const channels = [this.parts.ngram && 'ngram', this.parts.translator && 'crosslingual', this.parts.dense && 'dense'].filter(
      (c): c is string => Boolean(c),
    )
    return {
      channels,
      dense: Boolean(this.parts.dense),
      model: this.parts.dense?.modelId ?? null,
      ...(this.parts.dense?.clusters ? { clusters: this.parts.dense.clusters } : {}),
      note: this.parts.dense
        ? `Dense embeddings from ${this.parts.dense.modelId}${clusteredNote(this.parts.dense.clusters)}.`
        : (this.parts.semanticNote ?? 'No embedding model is installed: semantic search uses the offline channels only.'),
      translation: this.parts.translator ? (this.parts.translator.status?.note ?? 'English→French translation is on.') : null,
    }
  }

  passage(id: string): { passage: Passage; citation: Citation; previous: string | null; next: string | null } | null {
    const number = this.numbers.get(id)
    if (number === undefined) return null
    const passage = this.byNumber[number]!
    const siblings = this.siblings.get(passage.docId)!
    const at = siblings.indexOf(passage)
    return { passage, citation: this.citationAt(number), previous: siblings[at - 1]?.id ?? null, next: siblings[at + 1]?.id ?? null }
  }

  /** A document by id, its number (`001`), file name or symbol: what the `doc` filter and /documents/:id accept. */
  document(ref: string): DocumentMeta | null {
    return this.constraints.document(ref)
  }

  citation(id: string): Citation | null {
    const number = this.numbers.get(id)
    return number === undefined ? null : this.citationAt(number)
  }

  /** The year a passage counts in: a recommendation's adoption year, else its document's (null when unknown). */
  yearOf(id: string): number | null {
    const number = this.numbers.get(id)
    return number === undefined ? null : this.yearAt(number)
  }

  /** The text with its OCR damage repaired with the corpus's own spelling, or null when it has none. */
  repaired(text: string): RepairedText | null {
    const repaired = this.#repair.repair(text)
    return repaired.corrections.length ? repaired : null
  }

  /**
   * A passage's repaired text by number, kept once made: the repairer's own memory of recent texts is shared with
   * the snippets' pieces, which push the passages out of it within a few dozen pages.
   */
  private repairedAt(number: number): RepairedText | null {
    let repaired = this.#repairedTexts[number]
    if (repaired === undefined) repaired = this.#repairedTexts[number] = this.repaired(this.byNumber[number]!.text)
    return repaired
  }

  get #repair(): TextRepair {
    this.#learned ??= this.parts.repairs ? new TextRepair(this.parts.repairs) : TextRepair.learn(this.passages.map((p) => p.text))
    return this.#learned
  }

  #learned: TextRepair | undefined

  #prepared = false

  /** Makes now what searches would otherwise make on first use; returns true. */
  prepare(): boolean {
    this.parts.keyword.prepare()
    void this.parts.translator?.status
    return true
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    // What the load leaves to first use (the vocabulary's radix tree and typo table, the English dictionary) is made
    // before the first search's clock starts: its time budget is for the search. The warm-up has usually done it.
    this.#prepared ||= this.prepare()
    const started = performance.now()
    const deadline = started + this.timeBudgetMs
    const { mode, k, offset, sort } = { ...searchDefaults, ...stripUndefined(request) }
    validate(request.q, k, offset)
    const parsed = parseQuery(request.q)
    const { query, notes } = limitQuery(parsed)
    const notices = queryNotices(request.q, parsed, query, this.translator, mode !== 'keyword')
    const respond = (results: SearchHit[], total: number, facets: Facets): SearchResponse => ({
      query: request.q, mode, sort, total, facets, tookMs: round(performance.now() - started), offset, k, results, semantic: this.semanticStatus, notices, ...(notes.length ? { notes } : {}),
    })
    if (isEmptyQuery(query)) return respond([], 0, emptyFacets())
    const { set: required, leftOut } = this.constraints.required(query, started + this.timeBudgetMs * EXCLUSIONS_SHARE)
    if (leftOut.length) notes.push(`Time ran out (${this.timeBudgetMs} ms limit) before ${leftOut.length > 1 ? 'these exclusions were' : 'this exclusion was'} applied: ${leftOut.map((phrase) => (phrase.includes(' ') ? `-"${phrase}"` : `-${phrase}`)).join(', ')}; passages holding ${leftOut.length > 1 ? 'them' : 'it'} may be listed.`)
    const filterSets = this.constraints.filterSets(request)
    const filters = intersect(filterSets.year, filterSets.document, filterSets.kind)
    const retrieval = await Retrieval.run(this.retrievalParts, query, mode, required, filters, deadline)
    const skipped = retrieval.keyword?.query.skipped ?? 0
    if (skipped) notes.push(`Time ran out before the last ${skipped} search terms were looked up; shorten the query to search them.`)
    const channelsSkipped = retrieval.semantic.skipped
    if (channelsSkipped.length) notes.push(`Time ran out before the ${channelsSkipped.join(' and ')} channel${channelsSkipped.length > 1 ? 's' : ''} ran (${this.timeBudgetMs} ms limit): the results and total leave out what ${channelsSkipped.length > 1 ? 'they' : 'it'} would have found.`)
    const gramsLeftOut = retrieval.semantic.ngram?.gramsLeftOut ?? 0
    if (gramsLeftOut) notes.push(`Time ran out (${this.timeBudgetMs} ms limit) while the ngram channel read the query: it left out its ${gramsLeftOut} most common character grams.`)
    // Counted once, without a set of every match made for it: at a million passages each set is 125 kB to allocate.
    const total = retrieval.total()
    const listed = this.listedHead(retrieval, total, offset + k, { ...request, sort }, deadline)
    if (retrieval.truncated) notes.push(`Ranking stopped at the ${this.timeBudgetMs} ms time limit: these are the best of the passages scored in time; the total and facets still count every match.`)
    if (retrieval.unranked) notes.push(`Time ran out (${this.timeBudgetMs} ms limit) while the learned ranking read its candidates: the last ${retrieval.unranked} follow in the channels' order.`)
    const page = listed.slice(offset, offset + k)
    retrieval.completeShown(page)
    const highlight = {
      stems: new Set([...query.terms, ...query.phraseTerms, ...page.flatMap((h) => retrieval.matchedTerms(this.numbers.get(h.id)!))]),
      phrases: query.phrases,
      // The n-gram channel forgives typos the keyword index cannot; show the words it matched too.
      typoWords: mode === 'keyword' ? [] : tokenize(query.text).map((t) => t.term).filter((w) => !isStopWord(w)),
    }
    const results = page.map((hit, i) => this.hit(hit, offset + i + 1, highlight))
    const facets = await countFacets({
      columns: this.constraints.columns,
      documents: this.documents,
      filters: filterSets,
      unfiltered: unfilteredMatches(retrieval, required),
      semantic: retrieval.semantic.docs,
      denseWithout: async (facet) => {
        if (mode === 'keyword' || !retrieval.semantic.channels.some((c) => c.name === 'dense')) return []
        if (performance.now() > deadline) {
          const note = `Facet counts were cut at the ${this.timeBudgetMs} ms time limit: the values a filter leaves out do not count the dense channel's passages.`
          if (!notes.includes(note)) notes.push(note)
          return []
        }
        return denseMatches(this.retrievalParts, query.text, intersect(required, ...otherFilters(filterSets, facet)))
      },
    })
    return respond(results, request.collapse ? this.groupCount(retrieval.matches()) : total, facets)
  }

  /**
   * The first `need` entries of the list the request shows: the fused ranking, the preferred kind first, each
   * group of variants once when collapsing — computed on a head of the ranking that grows until it is enough.
   * `total` is the number of the retrieval's matches.
   */
  private listedHead(retrieval: Retrieval, total: number, need: number, request: SearchRequest, deadline: number): FusedHit[] {
    if (request.sort && request.sort !== 'relevance') {
      // By date, any match may come first: rank them all (each group of variants shows its best-ranked member),
      // then order by date; `prefer` still puts its kind first.
      const all = retrieval.fusedHead(total, deadline, this.timeBudgetMs * ROWS_PAST_DEADLINE)
      const listed = sortHits(request.collapse ? this.variants.collapse(all) : all, request.sort, (id) => this.datedOf(id))
      return request.prefer ? preferKind(listed, request.prefer, (id) => this.passageOf(id).kind) : listed
    }
    const preferred = request.prefer ? retrieval.matches().and(this.constraints.ofKind(request.prefer)).count() : 0
    const isPreferred = (hit: FusedHit) => this.passageOf(hit.id).kind === request.prefer
    const collapse = <T extends { id: string }>(hits: T[]) => (request.collapse ? this.variants.collapse(hits) : hits)
    for (let depth = need; ; depth *= 4) {
      const head = retrieval.fusedHead(depth, deadline, this.timeBudgetMs * ROWS_PAST_DEADLINE)
      const first = request.prefer ? head.filter(isPreferred) : head
      const listed = collapse(request.prefer ? [...first, ...head.filter((hit) => !isPreferred(hit))] : head)
      // Past `total`, a deeper head cannot list more: stop even if a match was somehow in no ranking.
      const complete = head.length >= total || retrieval.truncated || depth > total
      // With `prefer`, the head is enough once it holds every preferred match, or enough of them to fill the page.
      const enough = request.prefer ? (first.length >= preferred ? listed.length >= need : collapse(first).length >= need) : listed.length >= need
      if (complete || enough) return listed
    }
  }

  /** How many entries a collapsed list of these matches has: each group of variants once. */
  private groupCount(matches: Bitset): number {
    const seen = new Uint8Array(this.variants.groups.length)
    let count = 0
    matches.forEach((n) => {
      const group = this.groupColumn[n]!
      if (group < 0) count++
      else if (!seen[group]) {
        seen[group] = 1
        count++
      }
    })
    return count
  }

  /**
   * Every passage the request matches in its mode (hybrid by default), unpaged, in corpus order: the set `total` and
   * the facets of `search` count (docs/ranking.md, "What a match is").
   */
  async matches(request: SearchRequest): Promise<string[]> {
    validate(request.q, 1, 0)
    const { query } = limitQuery(parseQuery(request.q))
    if (isEmptyQuery(query)) return []
    const sets = this.constraints.filterSets(request)
    const retrieval = await Retrieval.run(this.retrievalParts, query, request.mode ?? searchDefaults.mode, this.constraints.required(query).set, intersect(sets.year, sets.document, sets.kind))
    const ids: string[] = []
    retrieval.matches().forEach((n) => ids.push(this.parts.keyword.ids[n]!))
    return ids
  }

  /**
   * Every passage a keyword search matches, unpaged, in corpus order: what `total` counts with `mode=keyword`. A
   * passage matches when it holds a query word (typos tolerated, the last word as a prefix), every required phrase
   * and no excluded word or phrase, within the filters; for a phrase alone that is every passage containing it.
   */
  keywordMatches(request: SearchRequest): string[] {
    validate(request.q, 1, 0)
    const { query } = limitQuery(parseQuery(request.q))
    if (isEmptyQuery(query)) return []
    const sets = this.constraints.filterSets(request)
    const prepared = this.retrievalParts.keyword.prepare(query, this.constraints.required(query).set)
    const matches = intersect(prepared.matches, sets.year, sets.document, sets.kind)!
    const ids: string[] = []
    matches.forEach((n) => ids.push(this.parts.keyword.ids[n]!))
    return ids
  }

  /**
   * The candidates the learned fusion orders for a hybrid search, in the channels' weighted order, each with its row
   * of `FEATURES`: what `npm run train:fusion` learns from, read by the very code that ranks.
   */
  async fusionCandidates(request: SearchRequest): Promise<{ ids: string[]; rows: Float64Array[] }> {
    validate(request.q, 1, 0)
    const { query } = limitQuery(parseQuery(request.q))
    if (isEmptyQuery(query)) return { ids: [], rows: [] }
    const sets = this.constraints.filterSets(request)
    const retrieval = await Retrieval.run(this.retrievalParts, query, 'hybrid', this.constraints.required(query).set, intersect(sets.year, sets.document, sets.kind))
    const { hits, rows } = retrieval.candidates()
    return { ids: hits.map((hit) => hit.id), rows }
  }

  /**
   * "More like this": the passages nearest to one by wording and meaning, found by hybrid search with its text as
   * the query (no phrase or exclusion syntax read into it), the passage and its variants left out. Null for an
   * unknown id.
   */
  async similar(id: string, k = 5): Promise<SearchHit[] | null> {
    const number = this.numbers.get(id)
    if (number === undefined) return null
    const text = this.byNumber[number]!.text
    const { query } = limitQuery({ raw: text, text, terms: analyze(text), phrases: [], phraseTerms: [], excludedPhrases: [] })
    const others = Bitset.full(this.passages.length)
    for (const member of this.variants.groupOf(id)?.members ?? [id]) {
      const n = this.numbers.get(member)
      if (n !== undefined) others.delete(n)
    }
    const retrieval = await Retrieval.run(this.retrievalParts, query, 'hybrid', null, others)
    const head = retrieval.fusedHead(k)
    retrieval.completeShown(head)
    return head.map((hit, i) => this.hit(hit, i + 1, { stems: new Set(), phrases: [] }))
  }

  /** A fused hit as the API shows it: passage, snippet, citation, per-channel scores and variants. */
  private hit(hit: FusedHit, rank: number, highlight: HighlightSpec): SearchHit {
    const number = this.numbers.get(hit.id)!
    const passage = this.byNumber[number]!
    const citation = this.citationAt(number)
    const snippet = makeSnippet(passage.text, highlight, SNIPPET_LENGTH, this.storedStem)
    const repaired = this.repairedAt(number)
    return {
      id: hit.id,
      rank,
      score: round(hit.score),
      text: passage.text,
      snippet,
      citation,
      kind: passage.kind,
      scores: { keyword: null, semantic: null, ...roundScores(hit.channels) },
      ...(hit.fusion ? { fusion: roundExplanation(hit.fusion) } : {}),
      ...this.variantsField(number),
      ...(repaired ? { repaired: { ...repaired, snippet: this.#repair.repairHtml(snippet) } } : {}),
    }
  }

  /** A passage's variants as a hit shows them, by number: made on its first use, then kept (the same object each time). */
  private variantsField(number: number): Pick<SearchHit, 'variants'> {
    let field = this.#variantsFields[number]
    if (field === undefined) {
      const id = this.parts.keyword.ids[number]!
      const group = this.variants.groupOf(id)
      field = this.#variantsFields[number] = group ? { variants: variantSummary(group, id, (member) => this.citationAt(this.numbers.get(member)!)) } : {}
    }
    return field
  }
}

/**
 * The matches no filter moves, before the filters: the keyword channel's (within the query's phrases and exclusions)
 * and the semantic channels' above their floor (within them too); null when there are none.
 */
function unfilteredMatches(retrieval: Retrieval, required: Bitset | null): Bitset | null {
  const keyword = retrieval.keyword?.matches ?? null
  const semantic = retrieval.semantic.unfiltered
  if (semantic === null || semantic.isEmpty()) return keyword
  const all = required ? semantic.clone().and(required) : semantic.clone()
  return keyword ? all.or(keyword) : all
}

/** Every filter but the one a facet sets. */
function otherFilters(sets: FilterSets, facet: FacetName): Array<Bitset | null> {
  return (Object.keys(sets) as FacetName[]).filter((name) => name !== facet).map((name) => sets[name])
}

/**
 * A translator that answers again for the text it was last asked about: a search asks whether its query is English,
 * and for its translation, both for its notices and for its channels.
 */
function lastAnswered(translator: QueryTranslator): QueryTranslator {
  let english: { text: string; is: boolean } | null = null
  let translated: { text: string; to: string } | null = null
  return {
    isEnglish(text) {
      if (english?.text !== text) english = { text, is: translator.isEnglish(text) }
      return english.is
    },
    translate(text) {
      if (translated?.text !== text) translated = { text, to: translator.translate(text) }
      return translated.to
    },
    get status() {
      return translator.status
    },
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

function roundExplanation({ bias, features }: FusionExplanation): FusionExplanation {
  const rounded: FusionExplanation['features'] = {}
  for (const name in features) rounded[name] = { value: round(features[name]!.value), contribution: round(features[name]!.contribution) }
  return { bias: round(bias), features: rounded }
}

function roundScores(channels: Record<string, ChannelScore>): Record<string, ChannelScore> {
  const rounded: Record<string, ChannelScore> = {}
  for (const name in channels) rounded[name] = { rank: channels[name]!.rank, score: round(channels[name]!.score) }
  return rounded
}

/**
 * How a clustered dense channel searches, said where a person reads which channels run: its answers are not exact
 * search's, and the build measured by how much.
 */
function clusteredNote(clusters: DenseRetriever['clusters']): string {
  if (!clusters) return ''
  const far = clusters.farProbe
    ? `a query far from every cluster visits ${clusters.farProbe}, on average ${clusters.farRecall!.toFixed(2)} of exact search's first 100 and ${clusters.farTopRecall!.toFixed(2)} of its first 10 found for such queries`
    : 'a query far from every cluster is searched exactly'
  return `, searched through ${clusters.count} clusters (${clusters.probe} visited a query; on average ${clusters.recall.toFixed(2)} of exact search's first 100 found, as measured at build; ${far})`
}
