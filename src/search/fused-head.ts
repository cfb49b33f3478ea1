// The exact head of the weighted fusion when the n-gram channel matches too many passages to list: the channels'
// prefixes are fused, every passage in them gets its whole fused score, and the prefixes grow until the head's
// last passage scores above anything outside them could (Fagin's threshold algorithm).

import type { Ranked } from '../types.js'
import type { Bitset } from '../index/bitset.js'
import { weightedScoreFusion, type ChannelRanking, type FusedHit } from './fusion.js'
import type { PreparedKeyword, RankedPassage } from './keyword-channel.js'
import type { NgramMatches } from './ngram-matches.js'
import { countBefore } from '../index/rank-count.js'

export interface CutHeadInput {
  ids: readonly string[]
  numberOf(id: string): number | undefined
  weights: Record<string, number>
  keyword: PreparedKeyword | null
  keywordMatches: Bitset | null
  /** The semantic channels in fusion order; the n-gram one holds only a prefix of its ranking. */
  semantic: ChannelRanking[]
  /** Every semantic match (ranked or not), for the unranked tail when the lists run out. */
  semanticDocs: readonly number[]
  ngram: NgramMatches
  /** Where a rank is not known yet (filled for the hits shown). */
  unknownRank: number
}

/**
 * The first `depth` hits of the weighted fusion of the keyword channel and the semantic channels, exactly as
 * fusing their whole rankings gives them (scores, order, each channel's rank and the semantic side's rank), unless
 * the deadline cut the keyword ranking (`truncated`). Keyword ranks of passages found outside the keyword prefix
 * stay unknown until `fillKeywordRanks`.
 */
export function cutFusedHead(input: CutHeadInput, depth: number, deadline: number): { hits: FusedHit[]; truncated: boolean } {
  const { ids, numberOf, keyword, keywordMatches, ngram, unknownRank } = input
  const weightOf = (name: string) => input.weights[name] ?? 1
  const keywordTotal = keywordMatches ? keywordMatches.count() : 0
  let truncated = false
  if (depth <= 0) return { hits: [], truncated }
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
        if (ngram.cosineOf[doc]! > 0 && !listed.has(doc)) {
          ranked.push([ids[doc]!, ngram.cosineOf[doc]!])
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
    const hits = fused.slice(0, depth)
    rankNgram(hits, ngram, numberOf, unknownRank)
    rankSemantic(hits, channels.filter((c) => c.name !== 'keyword'), ngram, ids, numberOf)
    return { hits, truncated }
  }
}

const maxOf = (ranked: Ranked) => ranked.reduce((m, [, score]) => Math.max(m, score), 0)

function contribution(weight: number, score: number, max: number): number {
  return max > 0 ? Math.max(0, (weight * score) / max) : 0
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
  // Every semantic match gets one: the n-gram matches and whatever the other channels list.
  const scores = new Float64Array(ngram.cosineOf.length)
  const members: number[] = Array.from(ngram.numbers)
  const listed = new Uint8Array(ngram.cosineOf.length)
  for (const channel of channels) {
    const weight = channel.weight ?? 1
    if (channel.name === 'ngram') {
      const max = ngram.max
      if (max > 0) for (const n of ngram.numbers) scores[n] = scores[n]! + (weight * ngram.cosineOf[n]!) / max
      continue
    }
    const max = maxOf(channel.ranked)
    for (const [id, value] of channel.ranked) {
      const n = numberOf(id)!
      if (max > 0) scores[n] = scores[n]! + (weight * value) / max
      if (!(ngram.cosineOf[n]! > 0) && !listed[n]) members.push(n)
      listed[n] = 1
    }
  }
  const targetNumbers = targets.map((hit) => numberOf(hit.id)!)
  const before = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && ids[a]! < ids[b]!)
  const counts = countBefore(members, targetNumbers, { targets: before, member: before })
  targets.forEach((hit, i) => (hit.channels.semantic = { rank: counts[i]! + 1, score: Math.round(scores[targetNumbers[i]!]! * 10_000) / 10_000 }))
}
