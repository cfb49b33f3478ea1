// One keyword query over the postings: its terms expanded (typos, prefix) and scored as MiniSearch scores them,
// the exact top k found with MaxScore (scoring stops where no remaining passage can enter), the match set as bits.

import { Bitset } from './bitset.js'
import { isMany, Places } from './places.js'
import { bm25, inverseDocumentFrequency } from './bm25.js'
import type { FieldPostings } from './keyword-data.js'
import { countBefore } from './rank-count.js'
import { seek } from './seek.js'

/** One analysed query term and how far it may stretch. */
export interface TermQuery {
  term: string
  /** Also match index terms that start with it. */
  prefix: boolean
  /** Also match index terms this many edits away (0: none). */
  fuzzy: number
}

/** An index term a query term reached, with the weight MiniSearch gives that kind of match. */
export interface Expansion {
  term: string
  id: number
  weight: number
}

/** Where one query term's postings are, after expansion through the vocabulary. */
export interface ExpandedTerm {
  /** The query term as typed (analysed); passages are counted once per distinct one. */
  source: string
  /** The exact term first when the index has it, then prefix, then fuzzy expansions, in MiniSearch's order. */
  expansions: Expansion[]
  /** Whether the first expansion is the query term itself. */
  exact: boolean
}

/** Field boosts, text then headings (docs/ranking.md: 0.5 chosen on PIAF and the seed queries). */
export const FIELD_BOOSTS = [1, 0.5] as const

/** A ranked passage: its number, exact score, and the score rounded as the API shows it (ties break on that). */
export interface ScoredPassage {
  doc: number
  score: number
  rounded: number
}

export const roundScore = (n: number) => Math.round(n * 10_000) / 10_000
// One step of that rounding: a score this far below a rounded one rounds below it, whatever the float error.
const ROUNDING_STEP = 1e-4
// Bounds are sums in another order than the scores they bound: allow for the last bit.
const SLACK = 1 + 1e-12
const NONE = 0xffffffff

/** One field's postings of the exact query term, as a cursor. */
class ExactList {
  pos = 0
  readonly end: number
  constructor(
    readonly docs: Uint32Array,
    private readonly tfs: Uint16Array | Uint32Array,
    private readonly lengths: Uint32Array,
    private readonly average: number,
    private readonly idf: number,
    /** Term weight × field boost, multiplied as MiniSearch does. */
    private readonly weight: number,
  ) {
    this.end = docs.length
  }
  current(): number {
    return this.pos < this.end ? this.docs[this.pos]! : NONE
  }
  /** The contribution at `doc` (cursor moved to ≥ doc), or -1 when the passage lacks the term. */
  at(doc: number): number {
    this.pos = seek(this.docs, this.pos, this.end, doc)
    return this.pos < this.end && this.docs[this.pos] === doc ? this.contribution(this.pos) : -1
  }
  /** The contribution at `doc` without moving the cursor. */
  lookup(doc: number): number {
    const i = seek(this.docs, 0, this.end, doc)
    return i < this.end && this.docs[i] === doc ? this.contribution(i) : -1
  }
  contribution(i: number): number {
    return this.weight * bm25(this.idf, this.tfs[i]!, this.lengths[this.docs[i]!]!, this.average)
  }
}

/**
 * A query term ready to score: the exact term's text and heading postings as cursors, and its expansions
 * materialised into one sorted list of whole scores (the exact part included), so each passage's score is
 * summed in exactly MiniSearch's order.
 */
export class ScoredTerm {
  readonly text: ExactList | null
  readonly section: ExactList | null
  tailDocs: Uint32Array = new Uint32Array(0)
  tailScores: Float64Array = new Float64Array(0)
  tailPos = 0
  /** No passage scores more for this term through the exact term alone (up to the last bit). */
  readonly exactBound: number
  /** No passage reached by an expansion scores more for this term. */
  readonly tailBound: number

  constructor(
    readonly expanded: ExpandedTerm,
    /** Index of the distinct source term, for the count MiniSearch multiplies by. */
    readonly source: number,
    fields: readonly FieldPostings[],
    passages: number,
    scratch: Scratch,
    /** Expansions materialised by earlier queries of the same index (none: each is materialised here). */
    tails?: Tails,
  ) {
    const lists = (term: number, weight: number) =>
      fields.map((field, f) => {
        const start = field.offsets[term]!
        const end = field.offsets[term + 1]!
        if (start === end) return null
        return new ExactList(field.docs.subarray(start, end), field.tfs.subarray(start, end), field.lengths, field.averageLength, inverseDocumentFrequency(end - start, passages), weight * FIELD_BOOSTS[f]!)
      })
    const exact = expanded.exact ? lists(expanded.expansions[0]!.id, 1) : [null, null]
    this.text = exact[0]!
    this.section = exact[1]!
    const exactId = expanded.expansions[0]?.id ?? 0
    this.exactBound = ((this.text ? fields[0]!.maxScore[exactId]! : 0) + (this.section ? FIELD_BOOSTS[1] * fields[1]!.maxScore[exactId]! : 0)) * SLACK
    const rest = expanded.exact ? expanded.expansions.slice(1) : expanded.expansions
    let tail = rest.length ? tails?.get(expanded) : undefined
    if (rest.length && !tail) {
      tail = this.materialise(rest.map((e) => lists(e.id, e.weight)), scratch)
      tails?.set(expanded, tail)
    }
    if (tail) {
      this.tailDocs = tail.docs
      this.tailScores = tail.scores
    }
    this.tailBound = tail ? tail.best * SLACK : 0
  }

  /** How many postings scoring every match walks for this term (see `scoreEvery`). */
  get postings(): number {
    return this.tailDocs.length + (this.text ? this.text.end : 0) + (this.section ? 2 * this.section.end : 0)
  }

  /** No passage scores more for this term. */
  get bound(): number {
    return Math.max(this.exactBound, this.tailBound)
  }

  // Every passage an expansion reaches gets its whole score for this term: the exact part first (text, then
  // headings), then each expansion's text and heading contributions, in expansion order — MiniSearch's order. The
  // passages are gathered and sorted first, so that the exact parts are read walking the exact lists alongside.
  private materialise(expansionLists: Array<Array<ExactList | null>>, scratch: Scratch): Tail {
    const { score, marked } = scratch
    const touched: number[] = []
    for (const lists of expansionLists) {
      for (const list of lists) {
        if (!list) continue
        for (let i = 0; i < list.end; i++) {
          const doc = list.docs[i]!
          if (!marked[doc]) {
            marked[doc] = 1
            touched.push(doc)
          }
        }
      }
    }
    const docs = Uint32Array.from(touched).sort()
    this.exactParts(docs, score)
    for (const lists of expansionLists) {
      for (const list of lists) {
        if (!list) continue
        for (let i = 0; i < list.end; i++) {
          const doc = list.docs[i]!
          score[doc] = score[doc]! + list.contribution(i)
        }
      }
    }
    const scores = new Float64Array(docs.length)
    let best = 0
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!
      scores[i] = score[doc]!
      best = Math.max(best, score[doc]!)
      marked[doc] = 0
    }
    return { docs, scores, best }
  }

  /** `score[doc]` = the exact part of each of `docs` (sorted), as `exactPart` gives it. */
  private exactParts(docs: Uint32Array, score: Float64Array): void {
    const { text, section } = this
    let t = 0
    let h = 0
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!
      let inText = -1
      let inSection = -1
      if (text) {
        t = seek(text.docs, t, text.end, doc)
        if (t < text.end && text.docs[t] === doc) inText = text.contribution(t)
      }
      if (section) {
        h = seek(section.docs, h, section.end, doc)
        if (h < section.end && section.docs[h] === doc) inSection = section.contribution(h)
      }
      score[doc] = inText < 0 ? (inSection < 0 ? 0 : inSection) : inSection < 0 ? inText : inText + inSection
    }
  }

  private exactPart(doc: number): number {
    const text = this.text ? this.text.lookup(doc) : -1
    const section = this.section ? this.section.lookup(doc) : -1
    if (text < 0) return section < 0 ? 0 : section
    return section < 0 ? text : text + section
  }

  /** Smallest passage number at or after the exact term's cursors (`part` 0) or the expansions' (`part` 1). */
  current(part: number): number {
    if (part === 1) return this.tailPos < this.tailDocs.length ? this.tailDocs[this.tailPos]! : NONE
    const a = this.text ? this.text.current() : NONE
    const b = this.section ? this.section.current() : NONE
    return a < b ? a : b
  }

  /** This term's score in `doc`, 0 when absent; cursors move to ≥ doc. */
  scoreAt(doc: number): number {
    this.tailPos = seek(this.tailDocs, this.tailPos, this.tailDocs.length, doc)
    const inTail = this.tailPos < this.tailDocs.length && this.tailDocs[this.tailPos] === doc
    const text = this.text ? this.text.at(doc) : -1
    const section = this.section ? this.section.at(doc) : -1
    if (inTail) return this.tailScores[this.tailPos]!
    if (text < 0) return section < 0 ? 0 : section
    return section < 0 ? text : text + section
  }

  /** Moves the cursors of one part standing on `doc` to the next passage. */
  step(part: number, doc: number): void {
    if (part === 1) {
      if (this.tailPos < this.tailDocs.length && this.tailDocs[this.tailPos] === doc) this.tailPos++
      return
    }
    if (this.text && this.text.pos < this.text.end && this.text.docs[this.text.pos] === doc) this.text.pos++
    if (this.section && this.section.pos < this.section.end && this.section.docs[this.section.pos] === doc) this.section.pos++
  }

  /** This term's score in `doc` without moving the cursors. */
  lookup(doc: number): number {
    const i = seek(this.tailDocs, 0, this.tailDocs.length, doc)
    if (i < this.tailDocs.length && this.tailDocs[i] === doc) return this.tailScores[i]!
    return this.exactPart(doc)
  }

  rewind(): void {
    if (this.text) this.text.pos = 0
    if (this.section) this.section.pos = 0
    this.tailPos = 0
  }

  /** Every passage holding the term or one of its expansions. */
  addMatches(into: Bitset, fields: readonly FieldPostings[]): void {
    for (const expansion of this.expanded.expansions) {
      for (const field of fields) into.addAll(field.docs, field.offsets[expansion.id]!, field.offsets[expansion.id + 1]!)
    }
  }
}

/**
 * A query term's expansions materialised (see `ScoredTerm`): the passages they reach, ascending, each with its whole
 * score for the term, and the best of those scores. It depends on the index and the expanded term alone.
 */
export interface Tail {
  docs: Uint32Array
  scores: Float64Array
  best: number
}

/** Tails kept between the queries of one index, by expanded term (see `KeywordIndex`). */
export interface Tails {
  get(term: ExpandedTerm): Tail | undefined
  set(term: ExpandedTerm, tail: Tail): void
}

/** Reusable per-index arrays for materialising expansions (searches run one at a time in a process). */
export interface Scratch {
  score: Float64Array
  marked: Uint8Array
  /**
   * The sums of `scoreEvery`, made on its first query; all zero between queries. `reached` lists the passages a query
   * summed, in the order reached: a JavaScript array of them, hundreds of thousands at a million passages, went to the
   * collected heap's large objects, and the full collections those brought made a search wait up to a second.
   */
  sums?: { total: Float64Array; sources: Uint16Array; reached: Uint32Array }
}

export interface TopK {
  hits: ScoredPassage[]
  /** True when the deadline passed before the scan ended: `hits` are the best found so far. */
  truncated: boolean
  /**
   * True when the scan stopped because it would cost more than the look-ups it was allowed (`topK`'s `lookups`):
   * `hits` are then the best found so far, and scoring every match (`scoreEvery`) is the cheaper way to the rest.
   */
  abandoned?: boolean
}

/** Whether a passage with these rounded score and id rank comes before another (higher score, then smaller id). */
const before = (rounded: number, order: number, otherRounded: number, otherOrder: number) => rounded > otherRounded || (rounded === otherRounded && order < otherOrder)

/** What a scan keeps: the threshold it needs passages to beat, and what it does with one that does. */
interface Sink {
  /** The rounded score a passage must reach (with a smaller id rank on ties) to be offered; -Infinity for any. */
  threshold(): number
  thresholdOrder(): number
  offer(doc: number, score: number, rounded: number): void
}

/**
 * Visits, in passage order, every match among `allowed` that could beat the sink's threshold, with its exact
 * score: MiniSearch's sum over query terms times the number of distinct query terms matched. MaxScore (Turtle &
 * Flood 1995): lists are ordered by the best score they can give; the lists whose bounds together cannot lift a
 * passage to the threshold are not walked, only looked up for the passages the others bring, and a passage is
 * dropped as soon as what it has plus what it could still get falls short. Stops early when the deadline passes
 * (`deadline`) or when it has looked up more than `lookups` term scores (`costly`).
 */
function scan(terms: readonly ScoredTerm[], allowed: Bitset | null, idOrder: Uint32Array, deadline: number, sink: Sink, lookups: number): 'complete' | 'deadline' | 'costly' {
  const m = terms.length
  for (const term of terms) term.rewind()
  // Each term walks as two lists, its exact term and its expansions (a rare typo of a common word has a high bound
  // and few passages; the common word, a low bound and many), ordered by bound.
  const lists: Array<{ term: number; part: number; bound: number }> = []
  terms.forEach((term, index) => {
    if (term.current(0) !== NONE) lists.push({ term: index, part: 0, bound: term.exactBound })
    if (term.current(1) !== NONE) lists.push({ term: index, part: 1, bound: term.tailBound })
  })
  lists.sort((a, b) => a.bound - b.bound)
  const n = lists.length
  // prefixBound[e]: the best score of a passage found in none of lists e.. (each term bounded by its best list below e).
  const prefixBound = new Float64Array(n + 1)
  const sources = terms.reduce((count, t) => Math.max(count, t.source + 1), 0)
  {
    const termBound = new Float64Array(m)
    const seenSource = new Uint8Array(sources)
    let sum = 0
    let distinct = 0
    for (let e = 1; e <= n; e++) {
      const list = lists[e - 1]!
      const term = terms[list.term]!
      if (list.bound > termBound[list.term]!) {
        sum += list.bound - termBound[list.term]!
        termBound[list.term] = list.bound
      }
      if (!seenSource[term.source]) {
        seenSource[term.source] = 1
        distinct++
      }
      prefixBound[e] = sum * distinct * SLACK
    }
  }
  let threshold = sink.threshold()
  let essential = 0
  // Terms with no essential list, highest bound first, and what the rest of them could still add.
  let passive: number[] = []
  let passiveRest = new Float64Array(1)
  const active = new Uint8Array(m)
  const repartition = () => {
    while (essential < n && roundScore(prefixBound[essential + 1]!) < threshold) essential++
    active.fill(0)
    for (let i = essential; i < n; i++) active[lists[i]!.term] = 1
    passive = [...terms.keys()].filter((t) => !active[t]).sort((a, b) => terms[b]!.bound - terms[a]!.bound)
    passiveRest = new Float64Array(passive.length + 1)
    for (let i = passive.length - 1; i >= 0; i--) passiveRest[i] = passiveRest[i + 1]! + terms[passive[i]!]!.bound
  }
  repartition()
  const scores = new Float64Array(m)
  const sourceMark = new Uint32Array(sources)
  let epoch = 0
  let visited = 0
  let lookedUp = 0
  for (;;) {
    let doc = NONE
    for (let i = essential; i < n; i++) {
      const c = terms[lists[i]!.term]!.current(lists[i]!.part)
      if (c < doc) doc = c
    }
    if (doc === NONE) return 'complete'
    if ((++visited & 1023) === 0 && performance.now() > deadline) return 'deadline'
    if (lookedUp > lookups) return 'costly'
    if (allowed && !allowed.has(doc)) {
      for (let i = essential; i < n; i++) terms[lists[i]!.term]!.step(lists[i]!.part, doc)
      continue
    }
    scores.fill(0)
    epoch++
    let partial = 0
    let matchedSources = 0
    for (let t = 0; t < m; t++) {
      if (!active[t]) continue
      const term = terms[t]!
      const s = term.scoreAt(doc)
      lookedUp++
      if (s > 0) {
        scores[t] = s
        partial += s
        if (sourceMark[term.source] !== epoch) {
          sourceMark[term.source] = epoch
          matchedSources++
        }
      }
    }
    for (let i = essential; i < n; i++) terms[lists[i]!.term]!.step(lists[i]!.part, doc)
    let pruned = false
    for (let i = 0; i < passive.length; i++) {
      if (roundScore((partial + passiveRest[i]!) * (matchedSources + passive.length - i) * SLACK) < threshold) {
        pruned = true
        break
      }
      const t = passive[i]!
      const term = terms[t]!
      const s = term.scoreAt(doc)
      lookedUp++
      if (s > 0) {
        scores[t] = s
        partial += s
        if (sourceMark[term.source] !== epoch) {
          sourceMark[term.source] = epoch
          matchedSources++
        }
      }
    }
    if (pruned || matchedSources === 0) continue
    let total = 0
    for (let j = 0; j < m; j++) total += scores[j]!
    const score = total * matchedSources
    const rounded = roundScore(score)
    if (threshold !== -Infinity && !before(rounded, idOrder[doc]!, threshold, sink.thresholdOrder())) continue
    sink.offer(doc, score, rounded)
    if (sink.threshold() !== threshold) {
      threshold = sink.threshold()
      const was = essential
      while (essential < n && roundScore(prefixBound[essential + 1]!) < threshold) essential++
      if (essential !== was) repartition()
    }
  }
}

/**
 * The k best passages among `allowed` (null: all), best first, ties broken by id: exactly what scoring every match and
 * sorting gives. The scan gives up (`abandoned`) once it has looked up more than `lookups` term scores.
 */
export function topK(terms: readonly ScoredTerm[], k: number, allowed: Bitset | null, idOrder: Uint32Array, deadline = Infinity, lookups = Infinity): TopK {
  k = Math.min(k, idOrder.length)
  if (terms.length === 0 || k <= 0) return { hits: [], truncated: false }
  const heap = new MinHeap(k, idOrder)
  const sink: Sink = {
    threshold: () => (heap.full ? heap.topRounded() : -Infinity),
    thresholdOrder: () => idOrder[heap.topDoc()]!,
    offer: (doc, score, rounded) => heap.offer(doc, score, rounded),
  }
  const ended = scan(terms, allowed, idOrder, deadline, sink, lookups)
  return ended === 'costly' ? { hits: heap.sorted(), truncated: true, abandoned: true } : { hits: heap.sorted(), truncated: ended === 'deadline' }
}

/**
 * For each target (a rounded score and an id rank), how many passages among `allowed` rank before it: its rank,
 * less one; null when the deadline passed first. See `scoreEvery`.
 */
export function countAt(terms: readonly ScoredTerm[], targets: ReadonlyArray<{ rounded: number; order: number }>, allowed: Bitset | null, idOrder: Uint32Array, deadline = Infinity): number[] | null {
  if (targets.length === 0) return []
  if (terms.length === 0) return targets.map(() => 0)
  return scoreEvery(terms, idOrder.length, deadline)?.countAt(targets, allowed, idOrder) ?? null
}

/** Every match of a query with its exact score (see `scoreEvery`). */
export class EveryScore {
  /** Where a match is in `matched` (see `Places`). */
  private readonly places: Places

  /** `scores[i]` is the score of `matched[i]`; `bits`, when not null, has the matches' bits set. */
  private constructor(
    /** The passages with a score, ascending. */
    readonly matched: Uint32Array,
    private readonly scores: Float64Array,
    bits: Uint32Array | null,
    size: number,
  ) {
    this.places = new Places(matched, size, bits)
  }

  /**
   * The scores of the passages `matched` lists (each once, in any order) moved out of the sums: `total[doc] ×
   * sources[doc]`, MiniSearch's score. The sums of those passages are left zero, so the arrays can be kept from
   * query to query: a pair of the corpus's size made per query (10 MB at a million passages) cost more to allocate
   * and fault in than a common word's postings did to score, and the scores read later were spread over all of it.
   */
  static fromSums(total: Float64Array, sources: Uint16Array, matched: ArrayLike<number>, size: number): EveryScore {
    let docs: Uint32Array
    let bits: Uint32Array | null = null
    if (isMany(matched.length, size)) {
      // Many matches: ordered through a bit per passage, a pass over the words, instead of a sort.
      const set = Bitset.of(size, matched)
      bits = set.words
      docs = set.toArray()
    } else docs = Uint32Array.from(matched).sort()
    const scores = new Float64Array(docs.length)
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!
      scores[i] = total[doc]! * sources[doc]!
      total[doc] = 0
      sources[doc] = 0
    }
    return new EveryScore(docs, scores, bits, size)
  }

  /** A passage's score, as `scoreOf` gives it (0 when it matches nothing). */
  score(doc: number): number {
    const i = this.indexOf(doc)
    return i < 0 ? 0 : this.scores[i]!
  }

  /** Where `doc` is in `matched`, or -1. */
  private indexOf(doc: number): number {
    return this.places.indexOf(doc)
  }

  /** The k best among `allowed` (null: all), best first, ties broken by id: what `topK` gives without a deadline. */
  top(k: number, allowed: Bitset | null, idOrder: Uint32Array): ScoredPassage[] {
    k = Math.min(k, idOrder.length)
    if (k <= 0) return []
    const heap = new MinHeap(k, idOrder)
    const { matched, scores } = this
    // Once the heap is full, a score a whole rounding step below its worst cannot round to enter it: most matches
    // are passed over on that one comparison.
    let least = -Infinity
    for (let i = 0; i < matched.length; i++) {
      const score = scores[i]!
      const doc = matched[i]!
      if (score < least || (allowed && !allowed.has(doc))) continue
      const rounded = roundScore(score)
      if (heap.full && !before(rounded, idOrder[doc]!, heap.topRounded(), idOrder[heap.topDoc()]!)) continue
      heap.offer(doc, score, rounded)
      if (heap.full) least = heap.topRounded() - ROUNDING_STEP
    }
    return heap.sorted()
  }

  /**
   * For each target (a rounded score and an id rank), how many passages among `allowed` rank before it: one pass
   * over the matches (`countBefore`).
   */
  countAt(targets: ReadonlyArray<{ rounded: number; order: number }>, allowed: Bitset | null, idOrder: Uint32Array): number[] {
    const roundedOf = (doc: number) => roundScore(this.score(doc))
    return countBefore(this.matched, targets, {
      targets: (a, b) => before(a.rounded, a.order, b.rounded, b.order),
      member: (doc, target) => before(roundedOf(doc), idOrder[doc]!, target.rounded, target.order),
      // A score a whole rounding step below the last target's comes after every target: it counts for none.
      counts: (doc, last) => this.score(doc) >= last.rounded - ROUNDING_STEP && (!allowed || allowed.has(doc)),
    })
  }
}

/**
 * Every passage the terms reach, scored term at a time: each term's postings walked once, straight through (no
 * cursors, no seeks), its score of a passage added to the passage's sum in term order, as `scan` adds them — the
 * same sums to the last bit. For a deep head or a passage low in the ranking, MaxScore has little to skip and this
 * costs a fraction of it. Null when the deadline passed between terms. The sums are made in `scratch.sums` (made on
 * the first query of the index), which is left all zero again.
 */
export function scoreEvery(terms: readonly ScoredTerm[], size: number, deadline = Infinity, scratch: Scratch = { score: new Float64Array(size), marked: new Uint8Array(size) }): EveryScore | null {
  const sums = (scratch.sums ??= { total: new Float64Array(size), sources: new Uint16Array(size), reached: new Uint32Array(size) })
  const { count, cut } = sumEvery(terms, size, deadline, scratch, sums)
  // Moved out (and zeroed) cut by its deadline or not: the first `count` of `reached` are every passage summed.
  const every = EveryScore.fromSums(sums.total, sums.sources, sums.reached.subarray(0, count), size)
  return cut ? null : every
}

/**
 * Sums every term's score of each passage into `total` and counts its sources in `sources` (all zero before), and
 * lists the passages it summed in `reached`, in the order reached (every passage it wrote to): `count` of them; `cut`
 * when the deadline passed between terms.
 */
function sumEvery(terms: readonly ScoredTerm[], size: number, deadline: number, scratch: Scratch, sums: NonNullable<Scratch['sums']>): { count: number; cut: boolean } {
  const { total, sources, reached } = sums
  let count = 0
  // 1: in the term's expansions (whose scores hold the exact part); 2: a heading score waits in `heading`; 3: used.
  // Every mark is cleared again before the next term, as `Scratch` requires.
  const { marked: mark, score: heading } = scratch
  // A source typed twice (or as a phrase word too) counts once per passage: those get a set of passages seen.
  const uses = new Map<number, number>()
  for (const term of terms) uses.set(term.source, (uses.get(term.source) ?? 0) + 1)
  const seen = new Map<number, Bitset>()
  for (const [source, n] of uses) if (n > 1) seen.set(source, new Bitset(size))
  for (const term of terms) {
    if (performance.now() > deadline) return { count, cut: true }
    const once = seen.get(term.source) ?? null
    const { text, section, tailDocs, tailScores } = term
    for (let i = 0; i < tailDocs.length; i++) {
      mark[tailDocs[i]!] = 1
      count = addScore(total, sources, reached, count, once, tailDocs[i]!, tailScores[i]!)
    }
    if (section) {
      for (let i = 0; i < section.end; i++) {
        const doc = section.docs[i]!
        if (mark[doc] === 1) continue
        heading[doc] = section.contribution(i)
        mark[doc] = 2
      }
    }
    if (text) {
      // Text, then headings: `text + section`, as `scoreAt` adds them.
      for (let i = 0; i < text.end; i++) {
        const doc = text.docs[i]!
        const m = mark[doc]
        if (m === 1) continue
        if (m === 2) {
          count = addScore(total, sources, reached, count, once, doc, text.contribution(i) + heading[doc]!)
          mark[doc] = 3
        } else count = addScore(total, sources, reached, count, once, doc, text.contribution(i))
      }
    }
    if (section) {
      for (let i = 0; i < section.end; i++) {
        const doc = section.docs[i]!
        if (mark[doc] === 2) count = addScore(total, sources, reached, count, once, doc, heading[doc]!)
        mark[doc] = 0
      }
    }
    for (let i = 0; i < tailDocs.length; i++) mark[tailDocs[i]!] = 0
  }
  return { count, cut: false }
}

/**
 * Adds a term's score of a passage to its sum, and counts the term's source for it (once per passage for a source
 * typed twice: `once` holds the passages it was counted for). A function of its own, not a closure made per term:
 * the first searches of a process run it before it is compiled, and a closure per term made those 2–4× slower.
 */
function addScore(total: Float64Array, sources: Uint16Array, reached: Uint32Array, count: number, once: Bitset | null, doc: number, score: number): number {
  if (!(score > 0)) return count
  if (sources[doc] === 0) reached[count++] = doc
  total[doc] = total[doc]! + score
  if (!once) sources[doc]!++
  else if (!once.has(doc)) {
    once.add(doc)
    sources[doc]!++
  }
  return count
}

/** The score of one passage, as `topK` computes it (0 when it matches no term). */
export function scoreOf(terms: readonly ScoredTerm[], doc: number): number {
  const seen = new Set<number>()
  let total = 0
  for (const term of terms) {
    const s = term.lookup(doc)
    if (s > 0) {
      total += s
      seen.add(term.source)
    }
  }
  return total * seen.size
}

/** A bounded min-heap of the k best passages, the worst on top. */
class MinHeap {
  private readonly docs: Uint32Array
  private readonly scores: Float64Array
  private readonly rounded: Float64Array
  size = 0

  constructor(
    private readonly capacity: number,
    private readonly idOrder: Uint32Array,
  ) {
    this.docs = new Uint32Array(capacity)
    this.scores = new Float64Array(capacity)
    this.rounded = new Float64Array(capacity)
  }

  get full(): boolean {
    return this.size >= this.capacity
  }
  topRounded(): number {
    return this.rounded[0]!
  }
  topDoc(): number {
    return this.docs[0]!
  }

  // a is worse than b: lower rounded score, or equal and a later id.
  private worse(a: number, b: number): boolean {
    return before(this.rounded[b]!, this.idOrder[this.docs[b]!]!, this.rounded[a]!, this.idOrder[this.docs[a]!]!)
  }

  offer(doc: number, score: number, rounded: number): void {
    if (!this.full) {
      let i = this.size++
      this.docs[i] = doc
      this.scores[i] = score
      this.rounded[i] = rounded
      while (i > 0) {
        const parent = (i - 1) >>> 1
        if (!this.worse(i, parent)) break
        this.swap(i, parent)
        i = parent
      }
      return
    }
    this.docs[0] = doc
    this.scores[0] = score
    this.rounded[0] = rounded
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let worst = i
      if (left < this.size && this.worse(left, worst)) worst = left
      if (right < this.size && this.worse(right, worst)) worst = right
      if (worst === i) break
      this.swap(i, worst)
      i = worst
    }
  }

  private swap(a: number, b: number): void {
    const d = this.docs[a]!
    this.docs[a] = this.docs[b]!
    this.docs[b] = d
    const s = this.scores[a]!
    this.scores[a] = this.scores[b]!
    this.scores[b] = s
    const r = this.rounded[a]!
    this.rounded[a] = this.rounded[b]!
    this.rounded[b] = r
  }

  sorted(): ScoredPassage[] {
    const hits: ScoredPassage[] = []
    for (let i = 0; i < this.size; i++) hits.push({ doc: this.docs[i]!, score: this.scores[i]!, rounded: this.rounded[i]! })
    return hits.sort((a, b) => (before(a.rounded, this.idOrder[a.doc]!, b.rounded, this.idOrder[b.doc]!) ? -1 : 1))
  }
}
