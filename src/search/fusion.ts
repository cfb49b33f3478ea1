// Fusion of ranked lists from several channels: pure functions over `[id, score]` tuples.

import type { ChannelScore, FusionExplanation, Ranked } from '../types.js'

/** One channel's ranking, with the weight it carries in the fusion. */
export interface ChannelRanking {
  name: string
  ranked: Ranked
  /** Defaults to 1. */
  weight?: number
  /** The rank of each entry in the channel's whole ranking, when `ranked` is not a plain prefix of it (defaults to position + 1). */
  ranks?: readonly number[]
}

export interface FusedHit {
  id: string
  score: number
  /** Rank (from 1) and raw score in each channel that found the passage. */
  channels: Record<string, ChannelScore>
  /** The learned fusion's feature row, when it ranked the hit (see `fusionExplanation`). */
  row?: ArrayLike<number>
  /** How the learned fusion reached `score`: set for the hits shown (`Retrieval.completeShown`). */
  fusion?: FusionExplanation
}

/**
 * Reciprocal rank fusion constant: score(d) = Σ_c w_c / (RRF_K + rank_c(d)).
 * 60 is the value of Cormack, Clarke & Büttcher (SIGIR 2009); it keeps one channel's top rank
 * from drowning agreement between channels.
 */
export const RRF_K = 60

export function reciprocalRankFusion(channels: ChannelRanking[], k = RRF_K): FusedHit[] {
  const fused = new Map<string, FusedHit>()
  for (const { name, ranked, weight = 1, ranks } of channels) {
    ranked.forEach(([id, score], index) => {
      const hit = fused.get(id) ?? { id, score: 0, channels: {} }
      const rank = ranks?.[index] ?? index + 1
      hit.score += weight / (k + rank)
      hit.channels[name] = { rank, score }
      fused.set(id, hit)
    })
  }
  return sortFused([...fused.values()])
}

/**
 * Weighted sum of scores normalised by each channel's best score: score(d) = Σ_c w_c · s_c(d) / max_c.
 * Dividing by the maximum (not max − min) keeps a channel with one hit meaningful and never divides by
 * zero: a channel whose best score is not positive contributes nothing.
 */
export function weightedScoreFusion(channels: ChannelRanking[]): FusedHit[] {
  const fused = new Map<string, FusedHit>()
  for (const { name, ranked, weight = 1, ranks } of channels) {
    const max = ranked.reduce((m, [, score]) => Math.max(m, score), 0)
    ranked.forEach(([id, score], index) => {
      const hit = fused.get(id) ?? { id, score: 0, channels: {} }
      if (max > 0) hit.score += (weight * score) / max
      hit.channels[name] = { rank: ranks?.[index] ?? index + 1, score }
      fused.set(id, hit)
    })
  }
  return sortFused([...fused.values()])
}

// Ties are broken by id so a ranking never depends on map insertion order.
function sortFused(hits: FusedHit[]): FusedHit[] {
  return hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
