// The bounded top k of the vector search: a min-heap of (score, position) pairs with a fixed tie rule.

/**
 * The k best (score, position) pairs of a stream, in a min-heap keyed on score: O(n log k), k slots.
 * Of equal scores the earlier position wins, in whatever order they are offered (a clustered index offers its vectors
 * cluster by cluster).
 */
export class TopK {
  readonly #k: number
  readonly #scores: Float64Array
  readonly #positions: Int32Array
  #size = 0

  constructor(k: number) {
    this.#k = k
    this.#scores = new Float64Array(k)
    this.#positions = new Int32Array(k)
  }

  /** How many pairs are held. */
  get size(): number {
    return this.#size
  }

  /** The worst score kept once the heap is full (a lower one is never kept), -Infinity before. */
  least(): number {
    return this.#size < this.#k ? -Infinity : this.#scores[0]!
  }

  /** Whether `offer(score, position)` would keep the pair. */
  admits(score: number, position: number): boolean {
    return this.#size < this.#k || this.#worse(this.#scores[0]!, this.#positions[0]!, score, position)
  }

  offer(score: number, position: number): void {
    const scores = this.#scores
    if (this.#size < this.#k) {
      let i = this.#size++
      // Sift up: a later position with an equal score is the worse one, so it rises.
      while (i > 0) {
        const parent = (i - 1) >> 1
        if (!this.#worse(score, position, scores[parent]!, this.#positions[parent]!)) break
        scores[i] = scores[parent]!
        this.#positions[i] = this.#positions[parent]!
        i = parent
      }
      scores[i] = score
      this.#positions[i] = position
    } else if (this.#worse(scores[0]!, this.#positions[0]!, score, position)) {
      this.#siftDown(score, position)
    }
  }

  /** The pairs held, best first, as `[position, score]`; empties the heap. */
  drain(): Array<[position: number, score: number]> {
    const out: Array<[number, number]> = new Array(this.#size)
    while (this.#size > 0) {
      out[this.#size - 1] = [this.#positions[0]!, this.#scores[0]!]
      const last = --this.#size
      if (last > 0) this.#siftDown(this.#scores[last]!, this.#positions[last]!)
    }
    return out
  }

  #worse(scoreA: number, positionA: number, scoreB: number, positionB: number): boolean {
    return scoreA < scoreB || (scoreA === scoreB && positionA > positionB)
  }

  /** Puts (score, position) at the root and lets it sink to its place among the first `size` slots. */
  #siftDown(score: number, position: number): void {
    const scores = this.#scores
    const positions = this.#positions
    const size = this.#size
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= size) break
      const right = left + 1
      const child =
        right < size && this.#worse(scores[right]!, positions[right]!, scores[left]!, positions[left]!) ? right : left
      if (!this.#worse(scores[child]!, positions[child]!, score, position)) break
      scores[i] = scores[child]!
      positions[i] = positions[child]!
      i = child
    }
    scores[i] = score
    positions[i] = position
  }
}
