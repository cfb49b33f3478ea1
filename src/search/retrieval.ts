// One request's retrieval: each ranking channel runs once, then fusion gives the exact head of the fused ranking
// at whatever depth the page needs — without scoring every keyword match.

import type { ClusterStatus, Ranked, SearchMode } from '../types.js'
import { Bitset } from '../index/bitset.js'
import type { KeywordIndex, KeywordQuery } from '../index/keyword.js'
import { analyze } from '../text/analyzer.js'
import { intersect } from './constraints.js'
import { NGRAM_MATCH_FLOOR } from './match-floor.js'
import { reciprocalRankFusion, weightedScoreFusion, type ChannelRanking, type FusedHit } from './fusion.js'
import type { KeywordChannel, PreparedKeyword, RankedPassage } from './keyword-channel.js'
import type { ParsedQuery } from './query.js'
import { FeatureReader } from './features.js'
import { fusionExplanation, learnedFusion, RERANK_DEPTH, type FusionModel } from './learned-fusion.js'
import { completeSemanticRanks, cutFusedHead, type CutHeadInput } from './fused-head.js'
import { NgramMatches } from './ngram-matches.js'

/** A ranking channel over query text (character n-grams, for instance). */
export interface TextRetriever {
  search(query: string, limit: number, filter?: (id: string) => boolean): Ranked
  /**
   * The query scored once: its top, the passages covering a share of it, one passage's scores (see NgramQuery).
   * With a `floor`, the query needs to list only the passages covering at least that share of it.
   */
  query(text: string, deadline?: number, floor?: number, likely?: () => Iterable<string>): TextQuery
}

/** One query of a text retriever (`NgramQuery`). */
export interface TextQuery {
  top(limit: number, filter?: (id: string) => boolean): Ranked
  matches(floor: number): string[]
  /** `matches` with each passage's cosine and position (see NgramQuery.forEachMatch); optional for other channels. */
  forEachMatch?(floor: number, visit: (id: string, cosine: number, position: number) => void): void
  cosine(id: string): number
  coverage(id: string): number
  /** Readies the scores of these passages for `cosine` and `coverage` in one pass (see NgramQuery); optional. */
  complete?(ids: Iterable<string>): void
  /** How many of the query's grams the deadline left unread (see NgramQuery); absent or 0 when none. */
  readonly gramsLeftOut?: number
}

/** Dense retrieval: an embedder for the query and a vector index over passages. */
export interface DenseRetriever {
  readonly modelId: string
  /**
   * How the vectors are searched when they are clustered (see `VectorIndex.clusters`): how many clusters, how many a
   * query visits, and the mean recall@100 against exact search the build measured; the same for a query far from
   * every cluster (`farProbe`, `farRecall`, and `farTopRecall` at 10), absent where such a query is searched exactly.
   * Absent or null: exact search.
   */
  readonly clusters?: ClusterStatus | null
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

/** How channels are fused, and the weight of each (see docs/ranking.md for the figures behind them). */
export interface FusionConfig {
  /** `learned`: the channels' weighted sum picks the candidates, `model` orders them (hybrid mode only). */
  method: 'rrf' | 'weighted' | 'learned'
  weights: Record<string, number>
  model?: FusionModel
}

/** How deep each semantic channel looks: its hits beyond this rank cannot change a page of 100. */
export const SEMANTIC_DEPTH = 100

/**
 * From this many passages on, the n-gram channel scores whole only the passages that can reach its match floor. Its
 * sums (8 bytes a passage) then outgrow a core's 1 MB cache: at 1M passages the query's loop took 24 → 15 ms CPU
 * (the candidates' features then summed in a second pass, ≈ 5 ms); at 100k, where the sums fit, the bit test per
 * posting costs what the sum it saves did, and the second pass made a hybrid search 1.15× slower.
 */
export const NGRAM_FLOOR_FROM = 2 ** 18

/** What retrieval needs of the engine: the indexes, the channels and the passage numbering. */
export interface RetrievalParts {
  index: KeywordIndex
  keyword: KeywordChannel
  ngram: TextRetriever | null
  dense: DenseRetriever | null
  translator: QueryTranslator | null
  fusion: FusionConfig
  numberOf(id: string): number | undefined
  /** Passage number → the number of its section (document and heading path), for the learned fusion's features. */
  sections?: ArrayLike<number>
}

/** The semantic channels' rankings for one query under one set of allowed passages. */
interface SemanticRun {
  channels: ChannelRanking[]
  /** Every passage they found, once, ascending: a typed array (at 1M passages, up to hundreds of thousands). */
  docs: Uint32Array
  /** The cross-lingual channel's keyword query, for highlighting the French words it matched. */
  crosslingual: KeywordQuery | null
  /** The n-gram channel's query, for reading any passage's n-gram scores. */
  ngram: TextQuery | null
  /** The n-gram channel's matches when its ranking is listed only in part (weighted fusion: see `cutFusedHead`). */
  ngramMatches: NgramMatches | null
  /**
   * What the n-gram and cross-lingual channels match whatever the allowed passages: their matches pass a score floor
   * that no filter moves, so the facets count them for every filter in one pass (see `countFacets`). Null when no
   * channel ran: no set of the corpus's size is made for a keyword search.
   */
  unfiltered: Bitset | null
  /** Channels the deadline left out (they did not run): said in the response's notes. */
  skipped: string[]
}

/** The French translation of an English query, or '' for a French one (or one nothing of which translates). */
export function translation(parts: RetrievalParts, text: string): string {
  return text && parts.translator?.isEnglish(text) ? parts.translator.translate(text) : ''
}

/**
 * Runs the semantic channels of a query among `allowed` passages (null: all). For an English query (`french`, its
 * translation), the n-gram channel reads the translation and the cross-lingual channel searches it with BM25.
 */
export async function runSemantic(parts: RetrievalParts, query: ParsedQuery, french: string, allowed: Bitset | null, deadline = Infinity, keepFirst = true, likely?: () => Iterable<string>): Promise<SemanticRun> {
  const run = emptySemanticRun()
  const text = query.text
  if (!text) return run
  const unfiltered = (run.unfiltered = new Bitset(parts.index.size))
  // No filter at all when nothing is excluded: a channel then need not ask about each passage.
  const filter = allowed
    ? (id: string) => {
        const n = parts.numberOf(id)
        return n !== undefined && allowed.has(n)
      }
    : undefined
  const { ngram, dense } = parts
  // What the semantic channels match (docs/ranking.md, "What a match is"): the n-gram passages above the calibrated
  // floor and, for an English query, every keyword match of its translation, all of them, whatever their rank; the
  // dense channel, with no model here to calibrate a floor on, its first SEMANTIC_DEPTH.
  const seen = new Bitset(parts.index.size)
  // Past the deadline a channel is left out, except the first when nothing else answers (`keepFirst`: no keyword
  // channel ran), so that a semantic search still answers something.
  const inTime = (name: string) => {
    if ((keepFirst && run.channels.length === 0) || performance.now() <= deadline) return true
    run.skipped.push(name)
    return false
  }
  if (ngram && inTime('ngram')) {
    // Only the matches are listed or ranked: in a large corpus, passages that cannot reach the floor are not scored
    // whole (see NgramIndex.query), as their sums no longer fit a core's cache.
    const scored = ngram.query(french || text, deadline, parts.index.size >= NGRAM_FLOOR_FROM ? NGRAM_MATCH_FLOOR : 0, likely)
    run.ngram = scored
    if (scored.forEachMatch && parts.fusion.method !== 'rrf') {
      // Its matches by number, its ranking listed a prefix at a time: tens of thousands of weak matches at 100k
      // passages need not be listed, sorted and fused for a head of ten (see `cutFusedHead`).
      const matches = new NgramMatches([ngram, parts.index], scored, scored.forEachMatch, NGRAM_MATCH_FLOOR, parts.index.size, parts.numberOf, allowed, unfiltered)
      seen.addAll(matches.numbers)
      run.ngramMatches = matches
      run.channels.push({ name: 'ngram', ranked: matches.top(SEMANTIC_DEPTH).map(([n, cosine]) => [parts.index.ids[n]!, cosine]) })
    } else {
      const floor = scored.matches(NGRAM_MATCH_FLOOR)
      for (const id of floor) {
        const n = parts.numberOf(id)
        if (n !== undefined) unfiltered.add(n)
      }
      const matched = filter ? floor.filter(filter) : floor
      for (const id of matched) seen.add(parts.numberOf(id)!)
      const above = new Set(matched)
      run.channels.push({ name: 'ngram', ranked: scored.top(Math.max(SEMANTIC_DEPTH, matched.length), (id) => above.has(id)) })
    }
  }
  if (french && inTime('crosslingual')) {
    const translated = parts.index.query(analyze(french), { prefixLast: false })
    run.crosslingual = translated
    const ids = parts.index.ids
    run.channels.push({ name: 'crosslingual', ranked: translated.top(SEMANTIC_DEPTH, allowed).hits.map((h): [string, number] => [ids[h.doc]!, h.rounded]) })
    const all = translated.matches()
    unfiltered.or(all)
    if (allowed) all.and(allowed)
    seen.or(all)
  }
  if (dense && inTime('dense')) {
    const ranked = await dense.search(text, SEMANTIC_DEPTH, filter)
    run.channels.push({ name: 'dense', ranked })
    for (const [id] of ranked) seen.add(parts.numberOf(id)!)
  }
  run.docs = seen.toArray()
  return run
}

/** A run of no semantic channel (keyword mode, or a query without free words). */
export function emptySemanticRun(): SemanticRun {
  return { channels: [], docs: new Uint32Array(0), crosslingual: null, ngram: null, ngramMatches: null, unfiltered: null, skipped: [] }
}

/**
 * The dense channel's passages among `allowed`, which (unlike the other channels' matches) depend on it: its first
 * SEMANTIC_DEPTH. Empty without a dense channel or a query text.
 */
export async function denseMatches(parts: RetrievalParts, text: string, allowed: Bitset | null): Promise<number[]> {
  if (!parts.dense || !text) return []
  const filter = allowed
    ? (id: string) => {
        const n = parts.numberOf(id)
        return n !== undefined && allowed.has(n)
      }
    : undefined
  return (await parts.dense.search(text, SEMANTIC_DEPTH, filter)).map(([id]) => parts.numberOf(id)!)
}

export class Retrieval {
  /** Set when a deadline cut the keyword ranking: the head is then the best of what was scored. */
  truncated = false
  /** How many of the learned fusion's candidates the deadline left in the channels' order (see `fusedHead`). */
  unranked = 0
  /** What `cutFusedHead` fused, for the ranks it leaves to the hits shown (see `completeShown`). */
  private cutInput: CutHeadInput | null = null

  private constructor(
    private readonly parts: RetrievalParts,
    private readonly mode: SearchMode,
    readonly keyword: PreparedKeyword | null,
    /** The keyword matches within the filters, or null without a keyword channel. */
    readonly keywordMatches: Bitset | null,
    readonly semantic: SemanticRun,
    /** The French translation the semantic channels searched, '' for a French query. */
    readonly french: string,
    /** The query's free text (its words outside phrases and exclusions). */
    private readonly queryText: string,
  ) {}

  /**
   * Runs the channels of `mode` once. `required` holds the query's phrase and exclusion constraints, `filters` its
   * year, document and kind filters (each null when there are none).
   */
  static async run(parts: RetrievalParts, query: ParsedQuery, mode: SearchMode, required: Bitset | null, filters: Bitset | null, deadline = Infinity): Promise<Retrieval> {
    // An English query is searched in French: its words read as French (`protection` in "witness protection") would
    // only find what its translation finds, less precisely. Keyword mode searches the words as typed.
    const french = mode === 'keyword' ? '' : translation(parts, query.text)
    const keyword = mode === 'semantic' || french ? null : parts.keyword.prepare(query, required, deadline)
    const keywordMatches = keyword ? (filters ? keyword.matches.clone().and(filters) : keyword.matches) : null
    // The learned head reads the n-gram scores of its candidates, most of them the keyword channel's first when the
    // n-gram channel matches few passages (a rare word): the n-gram query scores those in its own pass, not in a
    // second one over every common gram's postings (see NgramIndex.query).
    const likely = keyword && keywordMatches && learnedModel(parts, mode) ? () => keyword.top(RERANK_DEPTH, keywordMatches, deadline).ranked.map(([doc]) => parts.index.ids[doc]!) : undefined
    const semantic = mode === 'keyword' ? emptySemanticRun() : await runSemantic(parts, query, french, intersect(required, filters), deadline, keyword === null, likely)
    return new Retrieval(parts, mode, keyword, keywordMatches, semantic, french, query.text)
  }

  /** How many passages `matches` holds, counted without making the set. */
  total(): number {
    const keyword = this.keywordMatches
    let total = keyword ? keyword.count() : 0
    // The semantic passages are listed once each: those outside the keyword matches add one.
    for (const doc of this.semantic.docs) if (!keyword?.has(doc)) total++
    return total
  }

  /** Every match: the keyword matches within the filters and whatever the semantic channels found (a new set). */
  matches(): Bitset {
    const set = this.keywordMatches ? this.keywordMatches.clone() : new Bitset(this.parts.index.size)
    set.addAll(this.semantic.docs)
    return set
  }

  /**
   * The first `depth` hits of the fused ranking of every match. In hybrid mode with a learned model, the channels'
   * weighted fusion picks the candidates (its first `RERANK_DEPTH`) and the model orders them; the rest follow in the
   * channels' order (docs/ranking.md, "Fusion").
   */
  fusedHead(depth: number, deadline = Infinity, rowsPastDeadlineMs = 0): FusedHit[] {
    const model = this.learnedModel()
    if (!model) return this.channelHead(depth, deadline)
    const head = this.channelHead(Math.max(depth, RERANK_DEPTH), deadline)
    const candidates = head.slice(0, RERANK_DEPTH)
    // Past the deadline the rows get `rowsPastDeadlineMs` of their own (an ordinary query's take a few ms; those of
    // a query of 32 terms with their expansions, ten times more): the model orders the candidates whose rows were
    // read (at least a page's worth), the others follow in the channels' order.
    const rows = this.featureRows(candidates, Math.max(deadline, performance.now() + rowsPastDeadlineMs))
    this.unranked = candidates.length - rows.length
    const reranked = learnedFusion(candidates.slice(0, rows.length), rows, model)
    return [...reranked, ...head.slice(rows.length)].slice(0, depth)
  }

  /** What the learned fusion reads for this request: its candidates in the channels' order, and their feature rows. */
  candidates(deadline = Infinity): { hits: FusedHit[]; rows: Float64Array[] } {
    const hits = this.channelHead(RERANK_DEPTH, deadline)
    return { hits, rows: this.featureRows(hits) }
  }

  private learnedModel(): FusionModel | null {
    return learnedModel(this.parts, this.mode)
  }

  private featureRows(hits: readonly FusedHit[], deadline = Infinity): Float64Array[] {
    const keyword = this.keyword?.query ?? this.semantic.crosslingual
    // Candidates the n-gram channel does not match may not be scored yet: their n-gram features, in one pass.
    this.semantic.ngram?.complete?.(hits.map((hit) => hit.id))
    const reader = new FeatureReader(this.parts.index, keyword, this.semantic.ngram, this.french || this.queryText, this.parts.sections ?? null)
    return reader.read(hits.map((hit) => this.parts.numberOf(hit.id)!), hits.map((hit) => hit.score), deadline, RERANKED_IN_ANY_CASE)
  }

  /**
   * The first `depth` hits of the channels' fused ranking of every match, exactly. Every channel adds to a passage's
   * fused score, and a passage the semantic channels did not find has only its keyword score, scaled; so the keyword
   * channel's first `depth` passages, each at least its keyword score, are ahead of every passage beyond them —
   * unless a semantic channel lowers some (a negative cosine): then the head grows until it holds `depth` passages
   * that nothing lowers (ties break by id in both orders). The semantic passages outside the head get their keyword
   * score looked up (and their keyword rank later, only if shown: see `fillKeywordRanks`).
   */
  private channelHead(depth: number, deadline: number): FusedHit[] {
    const ngram = this.semantic.ngramMatches
    if (ngram) {
      const { parts, keyword, keywordMatches, semantic } = this
      const input = { ids: parts.index.ids, idOrder: parts.index.idOrder, numberOf: parts.numberOf, weights: parts.fusion.weights, keyword, keywordMatches, semantic: semantic.channels, semanticDocs: semantic.docs, ngram, unknownRank: UNKNOWN_RANK }
      this.cutInput = input
      const { hits, truncated } = cutFusedHead(input, depth, deadline)
      this.truncated ||= truncated
      return hits
    }
    const channels: ChannelRanking[] = []
    const ids = this.parts.index.ids
    if (this.keyword && this.keywordMatches) {
      const lowered = new Set<number>()
      for (const channel of this.semantic.channels) {
        const weight = this.parts.fusion.weights[channel.name] ?? 1
        for (const [id, score] of channel.ranked) if (weight * score < 0) lowered.add(this.parts.numberOf(id)!)
      }
      let ranked: RankedPassage[] = []
      for (let want = depth + Math.min(lowered.size, 16); ; ) {
        const head = this.keyword.top(want, this.keywordMatches, deadline)
        this.truncated ||= head.truncated
        ranked = head.ranked
        const dropping = ranked.reduce((count, [doc]) => count + (lowered.has(doc) ? 1 : 0), 0)
        if (ranked.length < want || ranked.length - dropping >= depth || head.truncated) break
        want = depth + dropping * 2
      }
      const list: Ranked = ranked.map(([doc, score]) => [ids[doc]!, score])
      const ranks = list.map((_, i) => i + 1)
      const listed = new Set(ranked.map(([doc]) => doc))
      const outside: number[] = []
      for (const doc of this.semantic.docs) if (!listed.has(doc) && this.keywordMatches!.has(doc)) outside.push(doc)
      for (const doc of outside) {
        list.push([ids[doc]!, this.keyword.score(doc)])
        ranks.push(UNKNOWN_RANK)
      }
      // Reciprocal rank fusion scores by rank, so there the ranks are needed now.
      if (this.parts.fusion.method === 'rrf' && outside.length) {
        const found = this.keyword.ranks(outside, this.keywordMatches)!
        outside.forEach((doc, i) => (ranks[ranked.length + i] = found.get(doc)!))
      }
      channels.push({ name: 'keyword', ranked: list, ranks })
    }
    channels.push(...this.semantic.channels)
    const fuse = this.parts.fusion.method === 'rrf' ? reciprocalRankFusion : weightedScoreFusion
    for (const channel of channels) channel.weight = this.parts.fusion.weights[channel.name] ?? 1
    const fused = fuse(channels)
    // A semantic match no list ranks (a cross-lingual match past its first SEMANTIC_DEPTH) comes last, in corpus
    // order: every match is listed somewhere, so paging reaches `total`.
    const ranked = new Set(fused.map((hit) => hit.id))
    for (const doc of [...this.semantic.docs].sort((a, b) => a - b)) if (!ranked.has(ids[doc]!) && !this.keywordMatches?.has(doc)) fused.push({ id: ids[doc]!, score: 0, channels: {} })
    if (this.mode !== 'keyword') {
      // Report the semantic side as one rank too, so a hit reads as "keyword rank, semantic rank".
      const byId = new Map(fused.map((hit) => [hit.id, hit]))
      fuse(channels.filter((c) => c.name !== 'keyword')).forEach((hit, i) => {
        byId.get(hit.id)!.channels.semantic = { rank: i + 1, score: Math.round(hit.score * 10_000) / 10_000 }
      })
    }
    return fused.slice(0, depth)
  }

  /**
   * Completes the hits shown, which `fusedHead` left partly known: their keyword and n-gram ranks where it only looked
   * their score up, the semantic side's rank, and how the learned fusion reached their score (`fusion`).
   */
  completeShown(hits: readonly FusedHit[]): void {
    this.fillKeywordRanks(hits)
    if (this.cutInput) completeSemanticRanks(hits, this.cutInput)
    const model = this.learnedModel()
    if (model) for (const hit of hits) if (hit.row) hit.fusion = fusionExplanation(model, hit.row)
  }

  private fillKeywordRanks(hits: readonly FusedHit[]): void {
    const pending = hits.filter((hit) => hit.channels.keyword?.rank === UNKNOWN_RANK)
    if (!pending.length || !this.keyword || !this.keywordMatches) return
    const docs = pending.map((hit) => this.parts.numberOf(hit.id)!)
    const ranks = this.keyword.ranks(docs, this.keywordMatches)!
    pending.forEach((hit, i) => (hit.channels.keyword!.rank = ranks.get(docs[i]!)!))
  }

  /** The index terms a passage matched, in the keyword and cross-lingual channels, for highlighting. */
  matchedTerms(doc: number): string[] {
    return [...(this.keyword?.matchedTerms(doc) ?? []), ...(this.semantic.crosslingual?.matchedTerms(doc) ?? [])]
  }
}

/** The model that orders a search's candidates: hybrid mode with learned fusion only. */
function learnedModel(parts: RetrievalParts, mode: SearchMode): FusionModel | null {
  const { method, model } = parts.fusion
  return method === 'learned' && model && mode === 'hybrid' ? model : null
}

// A placeholder until `fillKeywordRanks`: never shown.
const UNKNOWN_RANK = 0
// The learned fusion always orders this many candidates, past the deadline too: a first page's worth.
const RERANKED_IN_ANY_CASE = 10
