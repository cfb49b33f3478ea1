// The exact head of the weighted fusion when the n-gram channel matches too many passages to list: the channels'
// prefixes are fused, every passage in them gets its whole fused score, and the prefixes grow until the head's
// last passage scores above anything outside them could (Fagin's threshold algorithm).

import type { Ranked } from '../types.js'
import { Bitset } from '../index/bitset.js'
import { weightedScoreFusion, type ChannelRanking, type FusedHit } from './fusion.js'
import type { PreparedKeyword, RankedPassage } from './keyword-channel.js'
import type { NgramMatches } from './ngram-matches.js'
import { countBefore } from '../index/rank-count.js'

export interface CutHeadInput {
  ids: readonly string[]
  /** Each passage's place in id order (`KeywordIndex.idOrder`): ties compared by it, not by comparing id strings. */
  idOrder: Uint32Array
  numberOf(id: string): number | undefined
  weights: Record<string, number>
  keyword: PreparedKeyword | null
  keywordMatches: Bitset | null
  /** The semantic channels in fusion order; the n-gram one holds only a prefix of its ranking. */
  semantic: ChannelRanking[]
  /** Every semantic match (ranked or not), for the unranked tail when the lists run out. */
  semanticDocs: Iterable<number>
  ngram: NgramMatches
  /** Where a rank is not known yet (filled for the hits shown). */
  unknownRank: number
}

/**
 * The first `depth` hits of the weighted fusion of the keyword channel and the semantic channels, exactly as
 * fusing their whole rankings gives them (scores, order, each channel's rank and the semantic side's rank), unless
 * the deadline cut the keyword ranking (`truncated`). Keyword and n-gram ranks of passages found outside the
 * channels' prefixes, and the semantic side's rank, stay unknown until `fillKeywordRanks` and `completeSemanticRanks`.
 */
export function cutFusedHead(input: CutHeadInput, depth: number, deadline: number): { hits: FusedHit[]; truncated: boolean } {
  const { ids, numberOf, keyword, keywordMatches, ngram, unknownRank } = input
  const weightOf = (name: string) => input.weights[name] ?? 1
  let truncated = false
  if (depth <= 0) return { hits: [], truncated }
  if (!keyword || !keywordMatches || keyword.scoredWhole(depth, deadline)) return { hits: wholeHead(input, depth), truncated }
  const keywordTotal = keywordMatches.count()
  // The keyword scores are not all known (a shallow head, or the deadline): grow the channels' prefixes.
  for (let reach = depth; ; reach *= 4) {
    let keywordHead: RankedPassage[] = []
    if (keyword && keywordMatches) {
      const head = keyword.top(reach, keywordMatches, deadline)
      truncated ||= head.truncated
      keywordHead = head.ranked
    }
    const ngramHead = ngram.top(reach)
    const keywordCut = keywordHead.length > 0 && keywordHead.length < keywordTotal
    const ngramCut = ngramHead.length > 0 && ngramHead.length < ngram.count
    const candidates = new Set<number>()
    for (const [doc] of keywordHead) candidates.add(doc)
    for (const [doc] of ngramHead) candidates.add(doc)
    for (const channel of input.semantic) if (channel.name !== 'ngram') for (const [id] of channel.ranked) candidates.add(numberOf(id)!)

    const channels: ChannelRanking[] = []
    if (keyword && keywordMatches) {
      const listed = new Set(keywordHead.map(([doc]) => doc))
      const ranked: Ranked = keywordHead.map(([doc, score]) => [ids[doc]!, score])
      const ranks = ranked.map((_, i) => i + 1)
      for (const doc of candidates) {
        if (listed.has(doc) || !keywordMatches.has(doc)) continue
        ranked.push([ids[doc]!, keyword.score(doc)])
        ranks.push(unknownRank)
      }
      channels.push({ name: 'keyword', ranked, ranks })
    }
    for (const channel of input.semantic) {
      if (channel.name !== 'ngram') {
        channels.push(channel)
        continue
      }
      const listed = new Set(ngramHead.map(([doc]) => doc))
      const ranked: Ranked = ngramHead.map(([doc, cosine]) => [ids[doc]!, cosine])
      const ranks = ranked.map((_, i) => i + 1)
      for (const doc of candidates) {
        const cosine = ngram.cosine(doc)
        if (cosine > 0 && !listed.has(doc)) {
          ranked.push([ids[doc]!, cosine])
          ranks.push(unknownRank)
        }
      }
      channels.push({ name: 'ngram', ranked, ranks })
    }
    for (const channel of channels) channel.weight = weightOf(channel.name)
    const fused = weightedScoreFusion(channels)

    // Outside the prefixes a passage has at most the last keyword score and the last cosine listed, and nothing
    // from the channels listed whole.
    let bound = 0
    const keywordChannel = channels.find((c) => c.name === 'keyword')
    if (keywordCut && keywordChannel) bound += contribution(weightOf('keyword'), keywordHead.at(-1)![1], maxOf(keywordChannel.ranked))
    if (ngramCut) bound += contribution(weightOf('ngram'), ngramHead.at(-1)![1], ngram.max)
    const complete = !keywordCut && !ngramCut
    const enough = fused.length >= depth && fused[depth - 1]!.score > bound + 1e-9 * Math.max(1, bound)
    if (!(complete || enough || truncated)) continue

    if (complete) {
      // A semantic match no list ranks (a cross-lingual match past its first ones) comes last, in corpus order.
      const ranked = new Set(fused.map((hit) => hit.id))
      for (const doc of [...input.semanticDocs].sort((a, b) => a - b)) if (!ranked.has(ids[doc]!) && !keywordMatches?.has(doc)) fused.push({ id: ids[doc]!, score: 0, channels: {} })
    }
    return { hits: fused.slice(0, depth), truncated }
  }
}

const maxOf = (ranked: Ranked) => ranked.reduce((m, [, score]) => Math.max(m, score), 0)

/**
 * `cutFusedHead` when every keyword match's score is known (or there is no keyword channel): every passage of every
 * channel gets its fused score in one pass — `weightedScoreFusion` over the whole rankings, summed in the same
 * order to the last bit — and a bounded heap keeps the first `depth`. At 100k passages, growing the prefixes took
 * two or three rounds for 7 of 12 ordinary queries, a round of 2,400 costing tens of ms.
 */
function wholeHead(input: CutHeadInput, depth: number): FusedHit[] {
  const { ids, numberOf, keyword, keywordMatches, ngram, unknownRank } = input
  const weightOf = (name: string) => input.weights[name] ?? 1
  const inKeyword = (doc: number) => keywordMatches !== null && keywordMatches.has(doc)
  // Each keyword match's score, looked up once (at 1M passages a common word matches hundreds of thousands): the
  // maximum needs them all before any fused score can be summed, so they wait in match order in a kept array.
  const keywordDocs = keyword && keywordMatches ? keywordMatches : null
  let keywordScores: Float64Array = scratch
  let keywordMax = 0
  if (keywordDocs) {
    let i = 0
    keywordDocs.forEach((doc) => {
      const score = keyword!.score(doc)
      // Grown as it fills: counting the matches first was one more pass over the set's words.
      if (i === keywordScores.length) keywordScores = scratch = grown(keywordScores)
      keywordScores[i++] = score
      if (score > keywordMax) keywordMax = score
    })
  }
  // The channels listed whole (cross-lingual, dense: a hundred passages each), by passage number.
  const listed = input.semantic.map((channel) => {
    const at = new Map<number, number>()
    if (channel.name !== 'ngram') channel.ranked.forEach(([id], i) => at.set(numberOf(id)!, i))
    return { channel, weight: weightOf(channel.name), max: channel.name === 'ngram' ? ngram.max : maxOf(channel.ranked), at }
  })
  const listedDocs = [...new Set(listed.flatMap(({ at }) => [...at.keys()]))]
  // Without a channel listed whole (no dense channel, a French query) no set is made: 125 kB at 1M passages.
  const inListed = listedDocs.length ? Bitset.of(ids.length, listedDocs) : null
  const keywordWeight = weightOf('keyword')
  const ngramWeight = weightOf('ngram')
  // A passage's fused score, each channel's part added in fusion order (keyword, then the semantic channels). A
  // passage no whole-listed channel holds has only its keyword and n-gram parts, in that order.
  const plainScore = (doc: number, keywordScore: number | null): number => {
    let score = 0
    if (keywordScore !== null && keywordMax > 0) score += (keywordWeight * keywordScore) / keywordMax
    const cosine = ngram.cosine(doc)
    if (cosine > 0 && ngram.max > 0) score += (ngramWeight * cosine) / ngram.max
    return score
  }
  const fusedScore = (doc: number): number => {
    let score = 0
    if (keyword && keywordMax > 0 && inKeyword(doc)) score += (keywordWeight * keyword.score(doc)) / keywordMax
    for (const { channel, weight, max, at } of listed) {
      if (!(max > 0)) continue
      if (channel.name === 'ngram') {
        const cosine = ngram.cosine(doc)
        if (cosine > 0) score += (weight * cosine) / max
        continue
      }
      const i = at.get(doc)
      if (i !== undefined) score += (weight * channel.ranked[i]![1]) / max
    }
    return score
  }
  const head = new FusedHeap(depth, input.idOrder)
  if (keywordDocs) {
    let i = 0
    keywordDocs.forEach((doc) => {
      const score = keywordScores[i++]!
      if (!inListed?.has(doc)) head.offer(doc, plainScore(doc, score))
    })
  }
  for (const doc of ngram.numbers) if (!inKeyword(doc) && !inListed?.has(doc)) head.offer(doc, plainScore(doc, null))
  // In any order: the heap keeps the first `depth` by score, then id, whatever the order they are offered in.
  for (const doc of listedDocs) head.offer(doc, fusedScore(doc))
  const hits: FusedHit[] = head.sorted().map(([doc, score]) => {
    const channels: FusedHit['channels'] = {}
    if (keyword && inKeyword(doc)) channels.keyword = { rank: unknownRank, score: keyword.score(doc) }
    for (const { channel, at } of listed) {
      if (channel.name === 'ngram') {
        const cosine = ngram.cosine(doc)
        if (cosine > 0) channels.ngram = { rank: unknownRank, score: cosine }
        continue
      }
      const i = at.get(doc)
      if (i !== undefined) channels[channel.name] = { rank: channel.ranks?.[i] ?? i + 1, score: channel.ranked[i]![1] }
    }
    return { id: ids[doc]!, score, channels }
  })
  // A semantic match no list ranks (a cross-lingual match past its first ones) comes last, in corpus order.
  if (hits.length < depth) {
    for (const doc of [...input.semanticDocs].sort((a, b) => a - b)) {
      if (hits.length >= depth) break
      if (!inKeyword(doc) && !(ngram.cosine(doc) > 0) && !inListed?.has(doc)) hits.push({ id: ids[doc]!, score: 0, channels: {} })
    }
  }
  return hits
}

/**
 * The keyword scores of a head's matches, the same array for every head (each is read within one synchronous call):
 * at 1M passages a new one per search would be megabytes to allocate and fault in. Grown by doubling.
 */
let scratch: Float64Array = new Float64Array(1024)

function grown(scores: Float64Array): Float64Array {
  const larger = new Float64Array(2 * scores.length)
  larger.set(scores)
  return larger
}

/** The `size` best [passage, score] pairs by score, then id (as `weightedScoreFusion` sorts them), worst on top. */
class FusedHeap {
  private readonly docs: number[] = []
  private readonly scores: number[] = []

  constructor(
    private readonly size: number,
    /** Passage → its place in id order: comparing two of them is comparing their ids. */
    private readonly idOrder: Uint32Array,
  ) {}

  // Whether entry a comes after entry b in the fused order.
  private after(a: number, b: number): boolean {
    const sa = this.scores[a]!
    const sb = this.scores[b]!
    return sa < sb || (sa === sb && this.idOrder[this.docs[a]!]! > this.idOrder[this.docs[b]!]!)
  }

  offer(doc: number, score: number): void {
    const { docs, scores } = this
    if (docs.length < this.size) {
      docs.push(doc)
      scores.push(score)
      for (let i = docs.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1
        if (!this.after(i, parent)) break
        this.swap(i, parent)
        i = parent
      }
      return
    }
    if (this.size === 0) return
    const top = scores[0]!
    if (score < top || (score === top && this.idOrder[doc]! > this.idOrder[docs[0]!]!)) return
    docs[0] = doc
    scores[0] = score
    for (let i = 0; ; ) {
      const left = 2 * i + 1
      const right = left + 1
      let worst = i
      if (left < docs.length && this.after(left, worst)) worst = left
      if (right < docs.length && this.after(right, worst)) worst = right
      if (worst === i) return
      this.swap(i, worst)
      i = worst
    }
  }

  /** Best first. */
  sorted(): Array<[doc: number, score: number]> {
    const entries = this.docs.map((doc, i): [number, number] => [doc, this.scores[i]!])
    return entries.sort((a, b) => b[1] - a[1] || this.idOrder[a[0]]! - this.idOrder[b[0]]!)
  }

  // Through locals, not a destructuring swap: that made two arrays per swap, ≈ 2 MB of garbage per query at 1M passages.
  private swap(i: number, j: number): void {
    const { docs, scores } = this
    const doc = docs[i]!
    docs[i] = docs[j]!
    docs[j] = doc
    const score = scores[i]!
    scores[i] = scores[j]!
    scores[j] = score
  }
}

function contribution(weight: number, score: number, max: number): number {
  return max > 0 ? Math.max(0, (weight * score) / max) : 0
}

/**
 * Completes the hits shown, which `cutFusedHead` left without their n-gram rank (outside its prefix) and the semantic
 * side's rank: each one pass over the semantic matches, so it is done for a page, not for the whole head.
 */
export function completeSemanticRanks(hits: readonly FusedHit[], input: CutHeadInput): void {
  const semantic = input.semantic.map((channel) => ({ ...channel, weight: input.weights[channel.name] ?? 1 }))
  rankNgram(hits, input.ngram, input.numberOf, input.unknownRank)
  rankSemantic(hits, semantic, input.ngram, input.ids, input.numberOf)
}

/** The n-gram rank of the hits found outside the n-gram prefix: one pass over the matches. */
function rankNgram(hits: readonly FusedHit[], ngram: NgramMatches, numberOf: (id: string) => number | undefined, unknownRank: number): void {
  const pending = hits.filter((hit) => hit.channels.ngram?.rank === unknownRank)
  if (!pending.length) return
  const targets = pending.map((hit) => numberOf(hit.id)!)
  const before = (a: number, b: number) => ngram.before(a, b)
  const counts = countBefore(ngram.numbers, targets, { targets: before, member: before })
  pending.forEach((hit, i) => (hit.channels.ngram!.rank = counts[i]! + 1))
}

/**
 * The semantic side as one rank, as fusing the semantic channels' whole rankings alone gives it (rank and score),
 * for the hits any semantic channel found: one pass over every semantic match.
 */
function rankSemantic(hits: readonly FusedHit[], channels: readonly ChannelRanking[], ngram: NgramMatches, ids: readonly string[], numberOf: (id: string) => number | undefined): void {
  const targets = hits.filter((hit) => channels.some((c) => hit.channels[c.name]))
  if (!targets.length) return
  // Each passage's score: each channel's weighted value over its maximum, added in fusion order (as fusion adds them).
  // Every semantic match gets one: the n-gram matches and whatever the other channels list. A passage only the n-gram
  // channel holds scores its n-gram part alone, read when compared; the few the other channels list are summed here
  // (no array of the corpus's size: at 1M passages 9 MB to allocate per search).
  const ngramWeight = channels.find((c) => c.name === 'ngram')?.weight ?? 1
  const ngramPart = (n: number): number => (ngram.max > 0 ? (ngramWeight * ngram.cosine(n)) / ngram.max : 0)
  // The listing channels' values by passage number; null for the n-gram channel, whose part is `ngramPart`.
  const lists = channels.map((channel) =>
    channel.name === 'ngram' ? null : { weight: channel.weight ?? 1, max: maxOf(channel.ranked), at: new Map(channel.ranked.map(([id, value]) => [numberOf(id)!, value])) },
  )
  const listedScores = new Map<number, number>()
  for (const list of lists) if (list) for (const n of list.at.keys()) listedScores.set(n, 0)
  for (const n of listedScores.keys()) {
    let score = 0
    for (const list of lists) {
      if (list === null) {
        score += ngramPart(n)
        continue
      }
      const value = list.at.get(n)
      if (value !== undefined && list.max > 0) score += (list.weight * value) / list.max
    }
    listedScores.set(n, score)
  }
  const listed = listedScores.size ? Bitset.of(ids.length, [...listedScores.keys()]) : null
  const scoreOf = (n: number): number => (listed?.has(n) ? listedScores.get(n)! : ngramPart(n))
  const members = Uint32Array.from([...ngram.numbers, ...[...listedScores.keys()].filter((n) => !(ngram.cosine(n) > 0))])
  const targetNumbers = targets.map((hit) => numberOf(hit.id)!)
  const before = (a: number, b: number) => {
    const sa = scoreOf(a)
    const sb = scoreOf(b)
    return sa > sb || (sa === sb && ids[a]! < ids[b]!)
  }
  const counts = countBefore(members, targetNumbers, { targets: before, member: before })
  targets.forEach((hit, i) => (hit.channels.semantic = { rank: counts[i]! + 1, score: Math.round(scoreOf(targetNumbers[i]!) * 10_000) / 10_000 }))
}
