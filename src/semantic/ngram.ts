// Character n-gram TF-IDF retrieval: finds passages despite OCR damage, typos and missing accents.

import { SearchError } from '../errors.js'
import { isStopWord, tokenize } from '../text/analyzer.js'
import { ImpactCap } from './impact-cap.js'
import type { Ranked } from '../types.js'
import { fromBase64, toBase64, VarintReader, VarintWriter } from './packing.js'

export interface NgramOptions {
  /** Shortest gram in characters, the word-boundary space included (` mi`). 2–maxGram. Defaults to 3. */
  minGram: number
  /** Longest gram in characters. minGram–8. Defaults to 5. */
  maxGram: number
  /**
   * A gram found in more passages than this keeps only the postings of the passages where it weighs most (static
   * index pruning, Carmel et al. 2001). Its weight (IDF) stays that of its true frequency and every passage's vector
   * length still counts it, so a common gram costs bounded memory and time per query, and the words made of such
   * grams stay findable, their best passages scored exactly. A corpus of up to this many passages is indexed whole.
   * 1–2^28. Defaults to 5000.
   */
  maxPostingsPerGram: number
  /** At most this many distinct grams of a query are scored, the rarest first, so long queries stay fast. 1–10000. Defaults to 160. */
  maxQueryGrams: number
}

export const defaultNgramOptions: Readonly<NgramOptions> = {
  minGram: 3,
  maxGram: 5,
  maxPostingsPerGram: 5000,
  maxQueryGrams: 160,
}

/** Bumped whenever the serialised layout changes; loading refuses any other version. */
export const ngramSerializationVersion = 2

// A posting is `passage << TF_BITS | min(tf, TF_MAX)`: one Uint32 each, which caps an index at 2^28 passages.
const TF_BITS = 4
const TF_MAX = (1 << TF_BITS) - 1
const MAX_PASSAGES = 2 ** (32 - TF_BITS)
const LOG_TF = Float32Array.from({ length: TF_MAX + 1 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)))
const logTf = (tf: number): number => (tf <= TF_MAX ? LOG_TF[tf]! : 1 + Math.log(tf))

/** The serialised form: plain JSON with typed arrays as base64 (postings delta- and varint-coded). */
export interface SerializedNgramIndex {
  serializationVersion: number
  options: NgramOptions
  ids: string[]
  /** Grams joined by `\n` (a gram never holds one). */
  grams: string
  /** Varint posting count of each gram, base64. */
  counts: string
  /** Per gram, varint `(passage gap) * 16 + tf`, base64. */
  postings: string
  /** The true document frequency of each capped gram (see `maxPostingsPerGram`): varint pairs `(gram gap, df)`, base64. */
  cappedFrequencies: string
  /** Float32 little-endian length of each passage vector, base64. */
  norms: string
}

/** The words of a text as the n-gram channel sees them: folded, OCR-repaired, elision and stop words removed. */
function wordsOf(text: string): string[] {
  const words: string[] = []
  for (const { term } of tokenize(text)) if (!isStopWord(term)) words.push(term)
  return words
}

/** The distinct grams of one word, padded with a space each side so `mise` yields ` mi`, `ise `, ` mise `. */
export function wordGrams(word: string, minGram = defaultNgramOptions.minGram, maxGram = defaultNgramOptions.maxGram): string[] {
  const padded = ` ${word} `
  const grams = new Set<string>()
  for (let n = minGram; n <= maxGram; n++) for (let i = 0; i + n <= padded.length; i++) grams.add(padded.slice(i, i + n))
  return [...grams]
}

function smoothIdf(passages: number, df: number): number {
  return Math.log((passages + 1) / (df + 1)) + 1
}

/** An inverted index from character n-grams to passages, scored by cosine of sublinear TF-IDF vectors. */
export class NgramIndex {
  private readonly idf: Float32Array

  private constructor(
    private readonly options: NgramOptions,
    private readonly ids: string[],
    private readonly gramIds: Map<string, number>,
    private readonly grams: string[],
    /** `postings.subarray(offsets[g], offsets[g + 1])` lists gram g's passages in increasing order. */
    private readonly offsets: Uint32Array,
    private readonly postings: Uint32Array,
    /** Each gram's true document frequency, which a capped gram's postings no longer show. */
    private readonly frequencies: Uint32Array,
    private readonly norms: Float32Array,
  ) {
    this.idf = Float32Array.from(frequencies, (d) => smoothIdf(ids.length, d))
  }

  get size(): number {
    return this.ids.length
  }

  static build(passages: ReadonlyArray<{ id: string; text: string }>, options: Partial<NgramOptions> = {}): NgramIndex {
    const opts = checkOptions({ ...defaultNgramOptions, ...options })
    const count = passages.length
    if (count >= MAX_PASSAGES) throw new SearchError('INDEX_BUILD_FAILED', `ngram: at most ${MAX_PASSAGES - 1} passages can be indexed.`)

    // Pass 1: each passage as a sequence of word ids, each distinct word's grams found once, document frequencies.
    const vocabulary = new WordGrams(opts)
    const tokenStarts = new Uint32Array(count + 1)
    let tokens = new Uint32Array(1 << 16)
    let tokenCount = 0
    let df = new Uint32Array(1 << 16)
    // The passage (plus one) that last counted each gram, so a gram counts once per passage without a reset.
    let lastCounted = new Uint32Array(1 << 16)
    for (let p = 0; p < count; p++) {
      tokenStarts[p] = tokenCount
      const stamp = p + 1
      for (const word of wordsOf(passages[p]!.text)) {
        const w = vocabulary.idOf(word)
        if (tokenCount === tokens.length) tokens = grow(tokens)
        tokens[tokenCount++] = w
        if (vocabulary.gramCount > df.length) {
          df = grow(df, vocabulary.gramCount)
          lastCounted = grow(lastCounted, vocabulary.gramCount)
        }
        const wordGramIds = vocabulary.gramsOf(w)
        for (let i = 0; i < wordGramIds.length; i++) {
          const g = wordGramIds[i]!
          if (lastCounted[g] !== stamp) {
            lastCounted[g] = stamp
            df[g]!++
          }
        }
      }
    }
    tokenStarts[count] = tokenCount
    vocabulary.forgetLookups()
    const grams = vocabulary.grams
    const gramCount = grams.length
    const frequencies = df.slice(0, gramCount)
    const idf = Float32Array.from(frequencies, (d) => smoothIdf(count, d))

    // A gram in more passages than the cap keeps the `cap` postings where it weighs most; `capped[g]` numbers those grams.
    const cap = opts.maxPostingsPerGram
    const capped = new Int32Array(gramCount).fill(-1)
    let cappedCount = 0
    const offsets = new Uint32Array(gramCount + 1)
    for (let g = 0; g < gramCount; g++) {
      if (df[g]! > cap) capped[g] = cappedCount++
      offsets[g + 1] = offsets[g]! + Math.min(df[g]!, cap)
    }
    const impacts = new ImpactCap(cappedCount, cap)

    // Pass 2: term frequencies per passage, vector lengths over all grams, postings of the uncapped grams, and
    // the impacts of the capped ones.
    const postings = new Uint32Array(offsets[gramCount]!)
    const cursor = offsets.slice(0, gramCount)
    const norms = new Float32Array(count)
    const tf = new Uint32Array(gramCount)
    const distinct = new Uint32Array(gramCount)
    // Counts the grams of passage p into `tf`, listing each distinct one in `distinct`; returns how many there are.
    const passageGrams = (p: number, gramsOf: (w: number) => Uint32Array): number => {
      let distinctCount = 0
      for (let t = tokenStarts[p]!; t < tokenStarts[p + 1]!; t++) {
        const wordGramIds = gramsOf(tokens[t]!)
        for (let i = 0; i < wordGramIds.length; i++) {
          const g = wordGramIds[i]!
          if (tf[g]!++ === 0) distinct[distinctCount++] = g
        }
      }
      return distinctCount
    }
    const allGramsOf = (w: number): Uint32Array => vocabulary.gramsOf(w)
    for (let p = 0; p < count; p++) {
      const distinctCount = passageGrams(p, allGramsOf)
      let squares = 0
      for (let i = 0; i < distinctCount; i++) {
        const weight = logTf(tf[distinct[i]!]!) * idf[distinct[i]!]!
        squares += weight * weight
      }
      norms[p] = Math.sqrt(squares)
      for (let i = 0; i < distinctCount; i++) {
        const g = distinct[i]!
        const frequency = tf[g]!
        tf[g] = 0
        if (capped[g]! < 0) postings[cursor[g]!++] = (p << TF_BITS) | Math.min(frequency, TF_MAX)
        else impacts.count(capped[g]!, logTf(frequency) / norms[p]!)
      }
    }

    // Pass 3, only when some gram is capped: the postings each capped gram keeps, in passage order.
    const cappedGrams = cappedCount > 0 ? vocabulary.words().map((gramIds) => gramIds.filter((g) => capped[g]! >= 0)) : []
    for (let p = 0; cappedCount > 0 && p < count; p++) {
      const distinctCount = passageGrams(p, (w) => cappedGrams[w]!)
      for (let i = 0; i < distinctCount; i++) {
        const g = distinct[i]!
        const frequency = tf[g]!
        tf[g] = 0
        if (impacts.keeps(capped[g]!, logTf(frequency) / norms[p]!)) postings[cursor[g]!++] = (p << TF_BITS) | Math.min(frequency, TF_MAX)
      }
    }

    const gramIds = new Map(grams.map((gram, g) => [gram, g]))
    return new NgramIndex(opts, passages.map((p) => p.id), gramIds, grams, offsets, postings, frequencies, norms)
  }

  /**
   * Passages sharing character grams with the query, best first, with their cosine similarity (0–1].
   * `filter` is asked only about passages that would otherwise make the list.
   */
  search(query: string, limit: number, filter?: (id: string) => boolean): Ranked {
    return this.query(query).top(limit, filter)
  }

  /** Scores every passage sharing a gram with the query, once: then its top, its matches, or one passage's scores. */
  query(text: string): NgramQuery {
    const queryTf = new Map<number, number>()
    for (const word of wordsOf(text)) {
      for (const gram of wordGrams(word, this.options.minGram, this.options.maxGram)) {
        const g = this.gramIds.get(gram)
        if (g !== undefined) queryTf.set(g, (queryTf.get(g) ?? 0) + 1)
      }
    }
    const scored = [...queryTf]
      .map(([g, tf]) => ({ g, weight: logTf(tf) * this.idf[g]! }))
      .sort((a, b) => this.idf[b.g]! - this.idf[a.g]! || a.g - b.g)
      .slice(0, this.options.maxQueryGrams)

    const dots = new Float32Array(this.ids.length)
    const covered = new Float32Array(this.ids.length)
    const touched: number[] = []
    let querySquares = 0
    for (const { g, weight } of scored) {
      const squared = weight * weight
      querySquares += squared
      const idfWeight = weight * this.idf[g]!
      const end = this.offsets[g + 1]!
      for (let i = this.offsets[g]!; i < end; i++) {
        const posting = this.postings[i]!
        const p = posting >>> TF_BITS
        if (covered[p] === 0) touched.push(p)
        dots[p]! += idfWeight * LOG_TF[posting & TF_MAX]!
        covered[p]! += squared
      }
    }
    return new NgramQuery(this.ids, this.norms, touched, dots, covered, querySquares)
  }

  toJSON(): SerializedNgramIndex {
    const counts = new VarintWriter(this.grams.length)
    const postings = new VarintWriter(this.postings.length * 2)
    const cappedFrequencies = new VarintWriter(16)
    let previousCapped = 0
    for (let g = 0; g < this.grams.length; g++) {
      const start = this.offsets[g]!
      const end = this.offsets[g + 1]!
      counts.write(end - start)
      if (this.frequencies[g]! > end - start) {
        cappedFrequencies.write(g - previousCapped)
        cappedFrequencies.write(this.frequencies[g]!)
        previousCapped = g
      }
      let previous = 0
      for (let i = start; i < end; i++) {
        const p = this.postings[i]! >>> TF_BITS
        postings.write((p - previous) * (TF_MAX + 1) + (this.postings[i]! & TF_MAX))
        previous = p
      }
    }
    return {
      serializationVersion: ngramSerializationVersion,
      options: { ...this.options },
      ids: this.ids,
      grams: this.grams.join('\n'),
      counts: toBase64(counts.bytes()),
      postings: toBase64(postings.bytes()),
      cappedFrequencies: toBase64(cappedFrequencies.bytes()),
      norms: toBase64(new Uint8Array(this.norms.buffer, this.norms.byteOffset, this.norms.byteLength)),
    }
  }

  /** Loads what `toJSON` wrote. Throws SearchError INDEX_CORRUPT on another version or damaged data. */
  static fromJSON(data: unknown): NgramIndex {
    const corrupt = (why: string, cause?: unknown): SearchError =>
      new SearchError('INDEX_CORRUPT', `The n-gram index is unreadable (${why}): run \`npm run index\` to rebuild it.`, { cause })
    if (typeof data !== 'object' || data === null) throw corrupt('not an object')
    const serialized = data as Partial<SerializedNgramIndex>
    if (serialized.serializationVersion !== ngramSerializationVersion) {
      throw corrupt(`version ${String(serialized.serializationVersion)}, expected ${ngramSerializationVersion}`)
    }
    const { options, ids, grams: joinedGrams, counts, postings: packed, cappedFrequencies: packedCapped, norms: packedNorms } = serialized
    if (
      typeof options !== 'object' || options === null || !Array.isArray(ids) || typeof joinedGrams !== 'string' ||
      typeof counts !== 'string' || typeof packed !== 'string' || typeof packedCapped !== 'string' || typeof packedNorms !== 'string'
    ) {
      throw corrupt('missing fields')
    }
    try {
      const opts = checkOptions({ ...defaultNgramOptions, ...options })
      const grams = joinedGrams === '' ? [] : joinedGrams.split('\n')
      const normBytes = fromBase64(packedNorms)
      if (normBytes.byteLength !== ids.length * 4) throw corrupt('passage lengths do not match the passages')
      const norms = new Float32Array(normBytes.buffer.slice(normBytes.byteOffset, normBytes.byteOffset + normBytes.byteLength))

      const countReader = new VarintReader(fromBase64(counts))
      const offsets = new Uint32Array(grams.length + 1)
      for (let g = 0; g < grams.length; g++) offsets[g + 1] = offsets[g]! + countReader.read()
      if (!countReader.done()) throw corrupt('posting counts do not match the grams')

      const postingReader = new VarintReader(fromBase64(packed))
      const postings = new Uint32Array(offsets[grams.length]!)
      for (let g = 0; g < grams.length; g++) {
        let p = 0
        for (let i = offsets[g]!; i < offsets[g + 1]!; i++) {
          const value = postingReader.read()
          p += Math.floor(value / (TF_MAX + 1))
          const tf = value % (TF_MAX + 1)
          if (p >= ids.length || tf === 0) throw corrupt('a posting points outside the index')
          postings[i] = (p << TF_BITS) | tf
        }
      }
      if (!postingReader.done()) throw corrupt('trailing postings')

      const frequencies = Uint32Array.from({ length: grams.length }, (_, g) => offsets[g + 1]! - offsets[g]!)
      const cappedReader = new VarintReader(fromBase64(packedCapped))
      for (let g = 0; !cappedReader.done(); ) {
        g += cappedReader.read()
        const df = cappedReader.read()
        if (g >= grams.length || df <= frequencies[g]! || df > ids.length) throw corrupt('a capped gram frequency does not fit its postings')
        frequencies[g] = df
      }
      const gramIds = new Map(grams.map((gram, g) => [gram, g]))
      return new NgramIndex(opts, ids.map(String), gramIds, grams, offsets, postings, frequencies, norms)
    } catch (error) {
      if (error instanceof SearchError) throw error
      throw corrupt('damaged data', error)
    }
  }
}

function checkOptions(options: NgramOptions): NgramOptions {
  const { minGram, maxGram, maxPostingsPerGram, maxQueryGrams } = options
  const integer = (value: number, low: number, high: number): boolean => Number.isInteger(value) && value >= low && value <= high
  if (!integer(minGram, 2, 8) || !integer(maxGram, minGram, 8)) {
    throw new SearchError('BAD_PARAMETER', `ngram: minGram and maxGram must be integers with 2 <= minGram <= maxGram <= 8 (got ${minGram}, ${maxGram}).`)
  }
  if (!integer(maxPostingsPerGram, 1, MAX_PASSAGES)) {
    throw new SearchError('BAD_PARAMETER', `ngram: maxPostingsPerGram must be an integer in 1–${MAX_PASSAGES} (got ${maxPostingsPerGram}).`)
  }
  if (!integer(maxQueryGrams, 1, 10_000)) {
    throw new SearchError('BAD_PARAMETER', `ngram: maxQueryGrams must be an integer in 1–10000 (got ${maxQueryGrams}).`)
  }
  return { minGram, maxGram, maxPostingsPerGram, maxQueryGrams }
}

/** The build's vocabularies: word → id → its gram ids, gram → id, so each distinct word is cut into grams once. */
class WordGrams {
  private readonly wordIds = new Map<string, number>()
  private readonly wordGramIds: Uint32Array[] = []
  private readonly gramIds = new Map<string, number>()
  readonly grams: string[] = []

  constructor(private readonly options: NgramOptions) {}

  get gramCount(): number {
    return this.grams.length
  }

  idOf(word: string): number {
    let w = this.wordIds.get(word)
    if (w === undefined) {
      w = this.wordGramIds.length
      this.wordIds.set(word, w)
      this.wordGramIds.push(Uint32Array.from(wordGrams(word, this.options.minGram, this.options.maxGram), (gram) => this.gramId(gram)))
    }
    return w
  }

  gramsOf(w: number): Uint32Array {
    return this.wordGramIds[w]!
  }

  /** Every word's gram ids, by word id. */
  words(): readonly Uint32Array[] {
    return this.wordGramIds
  }

  /** Drops the string → id maps once every passage has its word ids: pass 2 needs only `gramsOf` and `grams`. */
  forgetLookups(): void {
    this.wordIds.clear()
    this.gramIds.clear()
  }

  private gramId(gram: string): number {
    let g = this.gramIds.get(gram)
    if (g === undefined) {
      g = this.grams.length
      this.gramIds.set(gram, g)
      this.grams.push(gram)
    }
    return g
  }
}

/** One query's scores over the passages that share a gram with it. */
export class NgramQuery {
  private positions: Map<string, number> | undefined

  constructor(
    private readonly ids: readonly string[],
    private readonly norms: Float32Array,
    private readonly touched: readonly number[],
    private readonly dots: Float32Array,
    private readonly covered: Float32Array,
    private readonly querySquares: number,
  ) {}

  /** The `limit` passages of highest cosine, best first; `filter` is asked only about those that would make the list. */
  top(limit: number, filter?: (id: string) => boolean): Ranked {
    if (limit <= 0 || this.querySquares === 0) return []
    const queryNorm = Math.sqrt(this.querySquares)
    const best = new TopK(limit)
    for (const p of this.touched) {
      const score = this.dots[p]! / (this.norms[p]! * queryNorm)
      if (best.admits(score, p) && (filter === undefined || filter(this.ids[p]!))) best.push(score, p)
    }
    return best.sorted().map(([score, p]) => [this.ids[p]!, score])
  }

  /** Every passage covering at least `floor` of the query (see `coverage`), in index order. */
  matches(floor: number): string[] {
    const found: string[] = []
    if (this.querySquares === 0) return found
    const least = floor * this.querySquares
    for (const p of this.touched) if (this.covered[p]! >= least) found.push(this.ids[p]!)
    return found
  }

  /** Cosine similarity of the query and a passage, 0 when they share no gram. */
  cosine(id: string): number {
    const p = this.position(id)
    return p === undefined || this.covered[p] === 0 ? 0 : this.dots[p]! / (this.norms[p]! * Math.sqrt(this.querySquares))
  }

  /**
   * The share of the query's gram weight (squared TF-IDF) found in a passage, 0–1: 1 when the passage holds every
   * gram of the query, whatever else it holds. Unlike the cosine it does not fall with the passage's length.
   */
  coverage(id: string): number {
    const p = this.position(id)
    return p === undefined || this.querySquares === 0 ? 0 : this.covered[p]! / this.querySquares
  }

  private position(id: string): number | undefined {
    this.positions ??= new Map(this.touched.map((p) => [this.ids[p]!, p]))
    return this.positions.get(id)
  }
}

/** The `limit` best [score, passage] pairs; ties go to the earlier passage so rankings are reproducible. */
class TopK {
  private readonly heap: Array<[number, number]> = []

  constructor(private readonly limit: number) {}

  private worse(a: [number, number], b: [number, number]): boolean {
    return a[0] < b[0] || (a[0] === b[0] && a[1] > b[1])
  }

  admits(score: number, p: number): boolean {
    return this.heap.length < this.limit || this.worse(this.heap[0]!, [score, p])
  }

  push(score: number, p: number): void {
    const heap = this.heap
    if (heap.length < this.limit) {
      heap.push([score, p])
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1
        if (!this.worse(heap[i]!, heap[parent]!)) break
        ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
        i = parent
      }
      return
    }
    heap[0] = [score, p]
    for (let i = 0; ; ) {
      const left = 2 * i + 1
      const right = left + 1
      let least = i
      if (left < heap.length && this.worse(heap[left]!, heap[least]!)) least = left
      if (right < heap.length && this.worse(heap[right]!, heap[least]!)) least = right
      if (least === i) break
      ;[heap[i], heap[least]] = [heap[least]!, heap[i]!]
      i = least
    }
  }

  sorted(): Array<[number, number]> {
    return [...this.heap].sort((a, b) => (this.worse(a, b) ? 1 : this.worse(b, a) ? -1 : 0))
  }
}

function grow<T extends Uint8Array | Uint32Array>(array: T, atLeast = 0): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(array.length * 2, atLeast))
  bigger.set(array)
  return bigger
}
