// The learned fusion: a small model over each candidate's features (src/search/features.ts) scores it, and every
// score is the sum of one contribution per feature, so a hit says what ranked it. Pure functions over plain data.

import type { FusionExplanation } from '../types.js'
import type { FusedHit } from './fusion.js'

/** How many of the channels' fused candidates the model orders; the rest follow in the channels' order. */
export const RERANK_DEPTH = 150

/**
 * A split of a regression tree: `[feature, threshold, left, right, value]` (a row goes left when its feature is
 * ≤ threshold; `left` and `right` index the tree's nodes) or a leaf, `[value]`. A split's `value` is the mean output
 * of the training rows that reached it, which is what splits a score into contributions (Saabas 2014: each split
 * moves the expected output from its value to its child's, and that move is its feature's).
 */
export type TreeNode = [feature: number, threshold: number, left: number, right: number, value: number] | [value: number]

/** A model file (data/fusion-model.json, written by `npm run train:fusion`): a linear part, trees, or both. */
export interface FusionModel {
  format: typeof FUSION_MODEL_FORMAT
  /** The features a row holds, in order; the engine refuses a model whose list differs from its own. */
  features: string[]
  /** Score of a row before any feature speaks: the constant plus each tree's root value. */
  bias: number
  /**
   * A linear part, when there is one: feature f adds `weights[f] · (value − centers[f])`, so a feature at its
   * training mean adds nothing.
   */
  linear?: { weights: number[]; centers: number[] }
  /** Gradient-boosted regression trees, summed (each already scaled by the learning rate); may be empty. */
  trees: TreeNode[][]
  /** How the model was made: the data, the method and its settings, the cross-validated figures. */
  training: Record<string, unknown>
}

export const FUSION_MODEL_FORMAT = 'ctoc-fusion-1'

/** A row's score and what each feature added to it: `score = bias + Σ contributions`. */
export interface ScoreExplanation {
  score: number
  bias: number
  contributions: Float64Array
}

/** Scores one feature row and splits the score into one contribution per feature. */
export function explainRow(model: FusionModel, row: ArrayLike<number>): ScoreExplanation {
  const contributions = new Float64Array(model.features.length)
  return { score: scoreRow(model, row, contributions), bias: model.bias, contributions }
}

/**
 * A row's score, adding up its contributions in `contributions` when given: the same sums in the same order either
 * way, so a hit's explanation adds up to exactly the score it was ranked by.
 */
function scoreRow(model: FusionModel, row: ArrayLike<number>, contributions: Float64Array | null): number {
  let score = model.bias
  if (model.linear) {
    const { weights, centers } = model.linear
    for (let f = 0; f < weights.length; f++) {
      const added = weights[f]! * (row[f]! - centers[f]!)
      if (contributions) contributions[f] = added
      score += added
    }
  }
  for (const tree of model.trees) {
    let node = tree[0]!
    while (node.length === 5) {
      const [feature, threshold, left, right, value] = node
      const next = tree[row[feature]! <= threshold ? left : right]!
      const moved = (next.length === 5 ? next[4] : next[0]) - value
      if (contributions) contributions[feature] = contributions[feature]! + moved
      score += moved
      node = next
    }
  }
  return score
}

/**
 * Orders candidates by the model's score of their feature rows (`rows[i]` is `hits[i]`'s), best first, ties broken
 * by id; each hit's `score` becomes the model's and it keeps its row, which `fusionExplanation` turns into what ranked it —
 * for the hits shown only (a page shows 10 of the 150 candidates).
 */
export function learnedFusion(hits: readonly FusedHit[], rows: readonly ArrayLike<number>[], model: FusionModel): FusedHit[] {
  const scored = hits.map((hit, i): FusedHit => ({ ...hit, score: scoreRow(model, rows[i]!, null), row: rows[i]! }))
  return scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** How the model reached the score of a row, feature by feature, as a hit shows it. */
export function fusionExplanation(model: FusionModel, row: ArrayLike<number>): FusionExplanation {
  const { bias, contributions } = explainRow(model, row)
  const features: FusionExplanation['features'] = {}
  model.features.forEach((name, f) => (features[name] = { value: row[f]!, contribution: contributions[f]! }))
  return { bias, features }
}
