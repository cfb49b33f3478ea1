// Character n-gram TF-IDF retrieval: finds passages despite OCR damage, typos and missing accents.

import { SearchError } from '../errors.js'
import { isStopWord, tokenize } from '../text/analyzer.js'
import { logTf, TF_LOW } from './impact-cap.js'
import { gramPostings, type GramPostings } from './ngram-postings.js'
import { gramWord } from './ngram-cut.js'
import type { Ranked } from '../types.js'
import { decodeSections, encodeSections } from '../binary/sections.js'
import { StringTable } from '../binary/string-table.js'
import { popcount } from '../binary/popcount.js'
import { addLooked, GramLookups, searches } from './ngram-lookup.js'

export interface NgramOptions {
  /** Shortest gram in characters, the word-boundary space included (` mi`). 2–maxGram. Defaults to 3. */
  minGram: number
  /** Longest gram in characters. minGram–8. Defaults to 5. */
  maxGram: number
  /**
   * A gram found in more passages than this keeps only the postings of the passages where it weighs most (static
   * index pruning, Carmel et al. 2001): highest `(1 + log tf) / length`, which does not depend on the corpus. Its
   * weight (IDF) stays that of its true frequency and every passage's length still counts it, so a common gram costs bounded memory and time per query, and the words made of such
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

/** Bumped whenever the stored layout changes; loading refuses any other version.
 * 3: binary sections (views at load, no parse), grams in a hashed string table, passage ids left to the corpus.
 * 4: passage lengths without IDF (`1 + log tf` per gram), and capped grams keep the postings highest by that length.
 * 5: a capped gram's postings grouped by impact, strongest first (the kept ones are a prefix of all its postings). */
export const ngramSerializationVersion = 5

// A posting's varint holds `gap × 16 + min(tf, 15)` below 2^32, which caps an index at 2^28 passages.
const MAX_PASSAGES = 2 ** 28
// How much a passage's own length counts against the corpus's average length in its score (pivoted length
// normalisation, Singhal, Buckley & Mitra 1996): 1 would be the plain cosine, which pushes long passages down too hard.
const LENGTH_SLOPE = 0.5
const LOG_TF = Float32Array.from({ length: TF_LOW + 1 }, (_, tf) => logTf(tf))

/** The words of a text as the n-gram channel sees them: folded, OCR-repaired, elision and stop words removed. */
function wordsOf(text: string): string[] {
  const words: string[] = []
  for (const { term } of tokenize(text)) if (!isStopWord(term)) words.push(term)
  return words
}

/**
 * The distinct grams of one word, padded with a space each side so `mise` yields ` mi`, `ise `, ` mise `; a character
 * outside the BMP counts as U+FFFD, as when a build cuts the word (`gramWord`).
 */
export function wordGrams(word: string, minGram = defaultNgramOptions.minGram, maxGram = defaultNgramOptions.maxGram): string[] {
  const padded = ` ${gramWord(word)} `
  const grams = new Set<string>()
  for (let n = minGram; n <= maxGram; n++) for (let i = 0; i + n <= padded.length; i++) grams.add(padded.slice(i, i + n))
  return [...grams]
}

function smoothIdf(passages: number, df: number): number {
  return Math.log((passages + 1) / (df + 1)) + 1
}

/** Each gram's weight, in a plain loop: `Float32Array.from` with a map function costs about ten times as much. */
function idfOf(passages: number, frequencies: Uint32Array): Float32Array {
  const idf = new Float32Array(frequencies.length)
  for (let g = 0; g < frequencies.length; g++) idf[g] = smoothIdf(passages, frequencies[g]!)
  return idf
}

/**
 * An inverted index from character n-grams to passages. What it stores of a passage does not depend on the rest of
 * the corpus (Lucene's way): each gram's `1 + log tf` and the passage's length over those, so adding a report splices
 * its postings in and no other passage changes. What does depend on the corpus is taken at query time: the grams'
 * IDF (from their stored frequencies) weighs the query, and lengths are pivoted around the corpus's mean. A score is
 * Σ (1 + log tf_q)·idf² · (1 + log tf_d) / (|q| · pivoted length): the TF-IDF cosine with Lucene's classic length.
 */
export class NgramIndex {
  private readonly idf: Float32Array
  /** What each passage's score is divided by (see `pivotedLengths`): computed here, as it depends on the corpus. */
  private readonly divisors: Float32Array
  /** Passage id → position, built on the first query that reads one passage's scores, then shared by all. */
  private positionsById: Map<string, number> | undefined
  /**
   * A sparse query's sums, passage p's dot product at `2p` and covered weight at `2p + 1`, and one bit per passage
   * it touched: made on the first such query and kept, all zero between queries (a query zeroes what it touched when
   * it moves its sums out), so that it costs what its postings cost, not arrays the size of the corpus.
   */
  private scratch: Scratch | undefined
  /** The long grams' lists in passage order, for the grams read only for the passages a query touched. */
  private readonly lookups: GramLookups
  /** Queries asked so far: a query's number tells `lookups` which grams another query read too. */
  private queries = 0

  private constructor(
    private readonly options: NgramOptions,
    private readonly ids: readonly string[],
    private readonly grams: StringTable,
    /**
     * `postings.subarray(starts[g], starts[g + 1])` lists gram g's passages, each as a varint `(gap from the previous
     * passage) × 16 + min(tf, 15)`: about 1.6 bytes a posting instead of 4. In increasing order, or for a capped gram
     * in impact groups, strongest first (see `GramPostings`): the order does not change a score.
     */
    private readonly starts: Uint32Array,
    private readonly postings: Uint8Array,
    /** Each gram's true document frequency, which a capped gram's postings no longer show. */
    private readonly frequencies: Uint32Array,
    private readonly norms: Float32Array,
  ) {
    this.idf = idfOf(ids.length, frequencies)
    this.divisors = pivotedLengths(norms)
    this.lookups = new GramLookups(postings, starts)
  }

  get size(): number {
    return this.ids.length
  }

  /** Whether the index was built with these options (a spliced index must keep its options). */
  hasOptions(options: NgramOptions): boolean {
    const mine = this.options
    return mine.minGram === options.minGram && mine.maxGram === options.maxGram && mine.maxPostingsPerGram === options.maxPostingsPerGram && mine.maxQueryGrams === options.maxQueryGrams
  }

  static build(passages: ReadonlyArray<{ id: string; text: string }>, options: Partial<NgramOptions> = {}): NgramIndex {
    const wordIds = new Map<string, number>()
    const words: string[] = []
    const starts = new Uint32Array(passages.length + 1)
    const tokens: number[] = []
    passages.forEach((passage, p) => {
      starts[p] = tokens.length
      for (const word of wordsOf(passage.text)) {
        let w = wordIds.get(word)
        if (w === undefined) wordIds.set(word, (w = words.push(word) - 1))
        tokens.push(w)
      }
    })
    starts[passages.length] = tokens.length
    return NgramIndex.fromWords(passages.map((p) => p.id), words, starts, Uint32Array.from(tokens), options)
  }

  /**
   * The index of passages already cut into words (`ids[p]`'s words are `words[tokens[starts[p] .. starts[p + 1]]]`,
   * folded, stop words left out, as `tokenize` gives them): what the index build hands in, having analysed each
   * passage once for all its indexes. Gives the same index as `build` over the same words.
   */
  static fromWords(ids: readonly string[], words: readonly string[], starts: Uint32Array, tokens: Uint32Array, options: Partial<NgramOptions> = {}): NgramIndex {
    const opts = checkOptions({ ...defaultNgramOptions, ...options })
    if (starts.length !== ids.length + 1) throw new RangeError(`ngram: ${starts.length - 1} word sequences for ${ids.length} passages.`)
    return NgramIndex.fromPostings(ids, gramPostings({ words, starts, tokens }, opts), opts)
  }

  /**
   * The index of every gram's postings (`gramPostings`, or `updateGramPostings` after a change of corpus, grouped
   * for this `maxPostingsPerGram`): weights from the true frequencies, each passage's vector length over all its
   * grams, and for a gram in more passages than `maxPostingsPerGram` only the postings where it weighs most — the
   * first of its postings, which list them strongest first.
   */
  static fromPostings(ids: readonly string[], all: GramPostings, options: Partial<NgramOptions> = {}): NgramIndex {
    const opts = checkOptions({ ...defaultNgramOptions, ...options })
    const count = ids.length
    if (count >= MAX_PASSAGES) throw new SearchError('INDEX_BUILD_FAILED', `ngram: at most ${MAX_PASSAGES - 1} passages can be indexed.`)
    if (all.passages !== count) throw new RangeError(`ngram: postings over ${all.passages} passages for ${count} ids.`)
    if (all.cap !== opts.maxPostingsPerGram) throw new RangeError(`ngram: postings grouped for a cap of ${all.cap}, not ${opts.maxPostingsPerGram}.`)
    // The kept postings come first in `all`: the index takes them, and the grams' table, as they are.
    return new NgramIndex(opts, ids, StringTable.fromArrays(all.grams), all.starts, all.bytes, all.counts, all.norms)
  }

  /**
   * Passages sharing character grams with the query, best first, with their score (see the class; > 0, and below 2:
   * 1 at most for a passage of the mean length or longer).
   * `filter` is asked only about passages that would otherwise make the list.
   */
  search(query: string, limit: number, filter?: (id: string) => boolean): Ranked {
    return this.query(query).top(limit, filter)
  }

  /**
   * Scores the passages sharing a gram with the query, once: then its top, its matches, or one passage's scores.
   * Past `deadline` the grams not yet read are left out (the rarest are read first; at least one is always read) and
   * counted in the query's `gramsLeftOut`. With a `floor` (0–1), only the passages that can cover that share of the
   * query are scored whole (see `essentialGrams`): its matches at that floor or above are exactly those of the
   * exhaustive query (0, the default), and any other passage's scores are summed when asked (`NgramQuery.complete`).
   * `likely` names passages whose scores will be asked for (a ranking's candidates): when the query leaves grams to
   * a second pass, it is asked for them before those grams are read, and they are scored whole in the first.
   */
  query(text: string, deadline = Infinity, floor = 0, likely?: () => Iterable<string>): NgramQuery {
    const queryTf = new Map<number, number>()
    for (const word of wordsOf(text)) {
      for (const gram of wordGrams(word, this.options.minGram, this.options.maxGram)) {
        const g = this.grams.indexOf(gram)
        if (g >= 0) queryTf.set(g, (queryTf.get(g) ?? 0) + 1)
      }
    }
    const scored = [...queryTf]
      .map(([g, tf]) => ({ g, weight: logTf(tf) * this.idf[g]! }))
      .sort((a, b) => this.idf[b.g]! - this.idf[a.g]! || a.g - b.g)
      .slice(0, this.options.maxQueryGrams)

    // Each passage's dot product and covered weight side by side (`2p`, `2p + 1`): the postings reach passages in no
    // order the cache can follow, and one line then holds both sums (≈ 0.4× the time of two arrays, at 100k
    // passages). Float32 sums, as the dot products were always kept. A query that reads at least as many postings as
    // there are passages touches most of them: it sums into an array of its own, whose making and reading then cost
    // no more than its postings. Any other sums into the index's scratch arrays, setting passage p's bit in
    // `touched` as it goes, and takes out only the passages whose bits are set (at 1M passages the common query reads
    // 100–400k postings: an array of the corpus's size and a pass over it cost more than they did).
    // Only the essential grams touch new passages (see `essentialGrams`): they decide how many a query touches.
    const essential = essentialGrams(scored, floor)
    const queryNumber = this.queries++
    let reading = 0
    for (let i = 0; i < essential; i++) reading += Math.min(this.frequencies[scored[i]!.g]!, this.options.maxPostingsPerGram)
    const dense = reading >= this.ids.length
    const scratch = dense ? null : this.scratchArrays()
    const sums = scratch === null ? new Float32Array(2 * this.ids.length) : scratch.sums
    const touched = scratch === null ? null : scratch.touched
    // The words of `touched` coming into use are listed (`listed` of them in `inUse`) only when its essential grams
    // read few postings, so that it touches few words: its sums are then taken out of those words alone. A common
    // query's loop is spared the test per posting (1.3× its time at 1M passages).
    const inUse = scratch !== null && reading * FEW_WORDS_IN_USE < scratch.touched.length ? scratch.inUse : null
    let listed = 0
    const positions = () => (this.positionsById ??= new Map(this.ids.map((id, p) => [id, p])))
    // At most this many passages are touched: what bounds the searches of the grams past the essential ones.
    let touchedAtMost = reading
    if (touched !== null && essential < scored.length && likely) {
      // Marked as the essential grams mark what they reach: every gram then adds to them, in the same order as the
      // second pass would (a passage no essential gram reaches starts from zero either way), and that pass, a walk
      // of every common gram's postings, is left with nothing to do when they were all the candidates.
      for (const id of likely()) {
        const p = positions().get(id)
        if (p === undefined) continue
        touchedAtMost++
        const w = p >>> 5
        if (inUse !== null && touched[w] === 0) inUse[listed++] = w
        touched[w]! |= 1 << (p & 31)
      }
    }
    let querySquares = 0
    let dotSquares = 0
    let read = 0
    // The passages touched, increasing: listed once the essential grams are read and a gram is to be searched for them.
    let touchedList: Uint32Array | null = null
    for (const { g, weight } of scored) {
      if (read > 0 && performance.now() > deadline) break
      const squared = weight * weight
      querySquares += squared
      // A passage's gram weighs `1 + log tf` alone (what the index stores does not depend on the corpus): the query's
      // weighs its TF-IDF times the IDF again, so a shared gram counts TF × IDF² as in the TF-IDF cosine.
      const idfWeight = weight * this.idf[g]!
      dotSquares += idfWeight * idfWeight
      // Past the essential grams a gram adds only to the passages already touched: no other can reach the floor.
      const reaches = read < essential
      read++
      if (!reaches && touched !== null) {
        // A long list is searched for the few passages touched instead of walked (see `GramLookups`): the same sums,
        // added in the same gram order.
        const held = this.held(g)
        if (searches(held, touchedList === null ? touchedAtMost : touchedList.length)) {
          touchedList ??= touchedPassages(touched, inUse === null ? null : inUse.subarray(0, listed))
          const list = searches(held, touchedList.length) ? this.lookups.of(g, held, queryNumber) : null
          if (list !== null) {
            addLooked(list, touchedList, touchedList.length, idfWeight, squared, sums, LOG_TF)
            continue
          }
        }
      }
      // As `addToMarked` for the grams past the essential ones, inline: a call per gram cost 5–10 % at 100k passages.
      const postings = this.postings
      const end = this.starts[g + 1]!
      let p = 0
      for (let at = this.starts[g]!; at < end; ) {
        let byte = postings[at++]!
        if (byte === 0) {
          // A capped gram's next group of postings: its bucket, then gaps from passage 0 again.
          while (postings[at++]! & 0x80);
          p = 0
          continue
        }
        // The varint `gap × 16 + min(tf, 15)`, below 2^32: its low 28 bits by integer shifts, a fifth byte added.
        let value = byte & 0x7f
        if (byte & 0x80) {
          byte = postings[at++]!
          value |= (byte & 0x7f) << 7
          if (byte & 0x80) {
            byte = postings[at++]!
            value |= (byte & 0x7f) << 14
            if (byte & 0x80) {
              byte = postings[at++]!
              value |= (byte & 0x7f) << 21
              if (byte & 0x80) {
                byte = postings[at++]!
                value += (byte & 0x7f) * 2 ** 28
              }
            }
          }
        }
        // In integers (`>>> 4` takes the value as below 2^32, which it is), so that p stays a small integer to V8.
        const tf = value & TF_LOW
        p += value >>> 4
        // A frequency of 15 or more is followed by the rest of it, which scoring does not read (it counts up to 15).
        if (tf === TF_LOW) while (postings[at++]! & 0x80);
        const i = 2 * p
        if (reaches) {
          if (touched !== null) {
            const w = p >>> 5
            if (inUse !== null && touched[w] === 0) inUse[listed++] = w
            touched[w]! |= 1 << (p & 31)
          }
        } else if (touched !== null ? (touched[p >>> 5]! & (1 << (p & 31))) === 0 : sums[i + 1] === 0) continue
        sums[i]! += idfWeight * LOG_TF[tf]!
        sums[i + 1]! += squared
      }
    }
    const found: QuerySums = touched === null ? { positions: null, sums } : takeSums(sums, touched, fewWords(inUse, listed, touched.length))
    const rest = read > essential ? (wanted: Uint32Array) => this.sumsOf(wanted, scored.slice(essential, read), queryNumber) : null
    return new NgramQuery(this.ids, this.divisors, found, querySquares, Math.sqrt(dotSquares), positions, scored.length - read, floor, rest)
  }

  /**
   * The sums (as `QuerySums.sums`, slot k for `wanted[k]`) that `grams` give passages `wanted` (increasing
   * positions), added in the grams' order as the query adds them: what a query scored for a floor left out of the
   * passages it did not touch. One pass over the grams' postings, through the scratch arrays (all zero between
   * queries, left so), whatever the number of passages.
   */
  private sumsOf(wanted: Uint32Array, grams: ReadonlyArray<{ g: number; weight: number }>, query: number): Float32Array {
    const { sums, touched, inUse } = this.scratchArrays()
    let listed = 0
    for (const p of wanted) {
      if (touched[p >>> 5] === 0) inUse[listed++] = p >>> 5
      touched[p >>> 5]! |= 1 << (p & 31)
    }
    for (const { g, weight } of grams) {
      const held = this.held(g)
      const list = searches(held, wanted.length) ? this.lookups.of(g, held, query) : null
      if (list !== null) addLooked(list, wanted, wanted.length, weight * this.idf[g]!, weight * weight, sums, LOG_TF)
      else addToMarked(this.postings, this.starts[g]!, this.starts[g + 1]!, weight * this.idf[g]!, weight * weight, sums, touched)
    }
    return takeSums(sums, touched, fewWords(inUse, listed, touched.length)).sums
  }

  /** How many postings the index keeps of gram g. */
  private held(g: number): number {
    return Math.min(this.frequencies[g]!, this.options.maxPostingsPerGram)
  }

  /** The scratch arrays of a sparse query (see `scratch`), made on the first. */
  private scratchArrays(): Scratch {
    const words = (this.ids.length + 31) >>> 5
    return (this.scratch ??= { sums: new Float32Array(2 * this.ids.length), touched: new Int32Array(words), inUse: new Int32Array(words) })
  }

  /** The index as an index file's chunks (see `decodeSections`); passage ids are left to the corpus. */
  toBinary(): Uint8Array[] {
    const { bytes, ends, slots } = this.grams.stored
    return encodeSections('ngram', ngramSerializationVersion, { options: this.options, passages: this.ids.length }, {
      gramBytes: bytes,
      gramEnds: ends,
      gramSlots: slots,
      starts: this.starts,
      postings: this.postings,
      frequencies: this.frequencies,
      norms: this.norms,
    })
  }

  /**
   * Reads what `toBinary` wrote, in place (the typed arrays are views over `file`), for passages `ids` in the order
   * they were built. Throws SearchError INDEX_CORRUPT on another version or damaged data.
   */
  static fromBinary(file: Uint8Array, ids: readonly string[]): NgramIndex {
    const corrupt = (why: string, cause?: unknown): SearchError =>
      new SearchError('INDEX_CORRUPT', `The n-gram index is unreadable (${why}): run \`npm run index\` to rebuild it.`, { cause })
    const stored = decodeSections(file, 'ngram', ngramSerializationVersion, 'ngram.bin')
    const meta = stored.meta as { options?: Partial<NgramOptions>; passages?: number } | null
    if (typeof meta !== 'object' || meta === null || typeof meta.options !== 'object' || meta.options === null) throw corrupt('missing options')
    if (meta.passages !== ids.length) throw corrupt(`built for ${String(meta.passages)} passages, the corpus has ${ids.length}`)
    try {
      const opts = checkOptions({ ...defaultNgramOptions, ...meta.options })
      const grams = StringTable.fromArrays({ bytes: stored.section('gramBytes', Uint8Array), ends: stored.section('gramEnds', Uint32Array), slots: stored.section('gramSlots', Int32Array) })
      const starts = stored.section('starts', Uint32Array)
      const postings = stored.section('postings', Uint8Array)
      const frequencies = stored.section('frequencies', Uint32Array)
      const norms = stored.section('norms', Float32Array)
      if (starts.length !== grams.size + 1 || frequencies.length !== grams.size) throw corrupt('posting offsets do not match the grams')
      if (starts[grams.size] !== postings.length) throw corrupt('posting offsets do not match the postings')
      if (norms.length !== ids.length) throw corrupt('passage lengths do not match the passages')
      return new NgramIndex(opts, ids, grams, starts, postings, frequencies, norms)
    } catch (error) {
      if (error instanceof SearchError && error.code === 'INDEX_CORRUPT') throw error
      throw corrupt('damaged data', error)
    }
  }
}

/**
 * Adds one gram's postings, `postings[start .. end]` (see the index's `postings`), to the sums (`2p`: dot product,
 * `2p + 1`: covered weight) of the passages marked in `marked`, and to no other: the loop of `NgramIndex.query`.
 */
function addToMarked(postings: Uint8Array, start: number, end: number, idfWeight: number, squared: number, sums: Float32Array, marked: Int32Array): void {
  let p = 0
  for (let at = start; at < end; ) {
    let byte = postings[at++]!
    if (byte === 0) {
      // A capped gram's next group of postings: its bucket, then gaps from passage 0 again.
      while (postings[at++]! & 0x80);
      p = 0
      continue
    }
    // The varint `gap × 16 + min(tf, 15)`, below 2^32: its low 28 bits by integer shifts, a fifth byte added.
    let value = byte & 0x7f
    if (byte & 0x80) {
      byte = postings[at++]!
      value |= (byte & 0x7f) << 7
      if (byte & 0x80) {
        byte = postings[at++]!
        value |= (byte & 0x7f) << 14
        if (byte & 0x80) {
          byte = postings[at++]!
          value |= (byte & 0x7f) << 21
          if (byte & 0x80) {
            byte = postings[at++]!
            value += (byte & 0x7f) * 2 ** 28
          }
        }
      }
    }
    // In integers (`>>> 4` takes the value as below 2^32, which it is), so that p stays a small integer to V8.
    const tf = value & TF_LOW
    p += value >>> 4
    // A frequency of 15 or more is followed by the rest of it, which scoring does not read (it counts up to 15).
    if (tf === TF_LOW) while (postings[at++]! & 0x80);
    if ((marked[p >>> 5]! & (1 << (p & 31))) === 0) continue
    const i = 2 * p
    sums[i]! += idfWeight * LOG_TF[tf]!
    sums[i + 1]! += squared
  }
}

/**
 * How many of the query's grams (rarest first, as `query` reads them) can bring a passage they reach first to cover
 * `floor` of the query (MaxScore, Turtle & Flood 1995): a passage first reached by gram i covers at most the weight
 * of grams i and after. Past them, the common grams add only to passages already reached — which need not read
 * fewer postings, but scatter into far fewer sums: at 1M passages those sums are 8 MB, each a cache miss.
 * The query's grams may be cut short by its deadline: the test holds for any cut (the share of what a later gram
 * brings only shrinks). `SLACK` covers the float32 rounding of the sums (≤ 160 terms: 1e-5 relative).
 */
export function essentialGrams(scored: ReadonlyArray<{ weight: number }>, floor: number): number {
  let total = 0
  for (const { weight } of scored) total += weight * weight
  let before = 0
  for (let i = 0; i < scored.length; i++) {
    if (total * (SLACK - floor) < SLACK * before) return i
    const weight = scored[i]!.weight
    before += weight * weight
  }
  return scored.length
}
const SLACK = 1.001

/**
 * The first `listed` of `inUse` (the words of `touched` in use, each once), ascending, when they are few among
 * `words`; null when they are not, or were not listed (`inUse` null).
 */
function fewWords(inUse: Int32Array | null, listed: number, words: number): Int32Array | null {
  return inUse !== null && listed * FEW_WORDS_IN_USE < words ? inUse.subarray(0, listed).sort() : null
}

/**
 * The sums of the passages whose bits are set in `touched`, moved out of the scratch arrays (left all zero). With
 * `words` (ascending), only those words of `touched` are in use and read: a rare word's query at a million passages
 * touches a few hundred of 31,250 words, and a pass over them all cost 0.1 ms.
 */
function takeSums(scratch: Float32Array, touched: Int32Array, words: Int32Array | null): QuerySums {
  const end = words === null ? touched.length : words.length
  let count = 0
  for (let j = 0; j < end; j++) {
    const w = words === null ? j : words[j]!
    if (touched[w] !== 0) count += popcount(touched[w]!)
  }
  const positions = new Uint32Array(count)
  const sums = new Float32Array(2 * count)
  for (let j = 0, k = 0; j < end; j++) {
    const w = words === null ? j : words[j]!
    for (let bits = touched[w]!; bits !== 0; bits &= bits - 1) {
      const p = (w << 5) | (31 - Math.clz32(bits & -bits))
      positions[k] = p
      sums[2 * k] = scratch[2 * p]!
      sums[2 * k + 1] = scratch[2 * p + 1]!
      scratch[2 * p] = 0
      scratch[2 * p + 1] = 0
      k++
    }
    touched[w] = 0
  }
  return { positions, sums }
}

/**
 * The passages whose bits are set in `touched`, increasing: read from `words` (the words in use, each once, sorted
 * here in place) or, when null, from every word.
 */
function touchedPassages(touched: Int32Array, words: Int32Array | null): Uint32Array {
  if (words !== null) words.sort()
  const end = words === null ? touched.length : words.length
  let count = 0
  for (let j = 0; j < end; j++) count += popcount(touched[words === null ? j : words[j]!]!)
  const passages = new Uint32Array(count)
  for (let j = 0, k = 0; j < end; j++) {
    const w = words === null ? j : words[j]!
    for (let bits = touched[w]!; bits !== 0; bits &= bits - 1) passages[k++] = (w << 5) | (31 - Math.clz32(bits & -bits))
  }
  return passages
}

/** A sparse query's arrays, kept by the index (see `NgramIndex.scratch`). */
interface Scratch {
  sums: Float32Array
  /** A bit per passage, set for those the query touched. */
  touched: Int32Array
  /** The words of `touched` in use, in the order they came into use (how many: the query counts them). */
  inUse: Int32Array
}

/**
 * Below one word in this many in use, `takeSums` reads those words only, sorted, instead of every word; a query whose
 * essential grams read fewer postings than this share of the words lists the words it puts in use.
 */
const FEW_WORDS_IN_USE = 16

/**
 * One query's sums: slot k's dot product at `sums[2k]` and the query weight it covers at `sums[2k + 1]` (0: it
 * shares no gram with the query). Slot k is passage `positions[k]`, in increasing position, every one sharing a
 * gram; or, with `positions` null, passage k, each passage of the index in its slot.
 */
interface QuerySums {
  positions: Uint32Array | null
  sums: Float32Array
}

/** Each passage's length pulled halfway (`LENGTH_SLOPE`) towards the mean length of the corpus's passages. */
function pivotedLengths(norms: Float32Array): Float32Array {
  let sum = 0
  for (let p = 0; p < norms.length; p++) sum += norms[p]!
  const pivot = norms.length === 0 ? 0 : sum / norms.length
  const divisors = new Float32Array(norms.length)
  for (let p = 0; p < norms.length; p++) divisors[p] = (1 - LENGTH_SLOPE) * pivot + LENGTH_SLOPE * norms[p]!
  return divisors
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

/**
 * One query's scores over the passages that share a gram with it: every one of them, or, for a query scored for a
 * floor, those that can cover that floor, and any other passage when asked (`complete`, `cosine`, `coverage`).
 */
export class NgramQuery {
  /** Sums of passages the query did not touch, summed on demand (`complete`), by position. */
  private readonly completed = new Map<number, [dot: number, covered: number]>()

  constructor(
    private readonly ids: readonly string[],
    /** What each passage's dot product is divided by, besides the query's length (see `pivotedLengths`). */
    private readonly divisors: Float32Array,
    private readonly found: QuerySums,
    private readonly querySquares: number,
    /** The length of the query's vector as the dot products weigh it. */
    private readonly queryLength: number,
    /** Passage id → position in the index (one map for every query: building one per query costs O(corpus)). */
    private readonly positions: () => ReadonlyMap<string, number>,
    /** The query's grams the deadline left unread (the most common ones): 0 when every gram was scored. */
    readonly gramsLeftOut = 0,
    /** The share of the query a passage must cover to be listed (`top`, `matches`): `found` holds all those. */
    readonly floor = 0,
    /** The sums the grams read only for touched passages give `wanted` (increasing positions); null: none was. */
    private readonly rest: ((wanted: Uint32Array) => Float32Array) | null = null,
  ) {}

  /**
   * The `limit` passages of highest cosine among those covering at least the query's `floor` (sharing a gram when
   * it is 0), best first; `filter` is asked only about those that would make the list.
   */
  top(limit: number, filter?: (id: string) => boolean): Ranked {
    if (limit <= 0 || this.querySquares === 0) return []
    const least = this.least(this.floor)
    const queryNorm = this.queryLength
    const best = new TopK(limit)
    const { positions, sums } = this.found
    for (let k = 0; 2 * k < sums.length; k++) {
      if (!(sums[2 * k + 1]! >= least)) continue
      const p = positions === null ? k : positions[k]!
      const score = sums[2 * k]! / (this.divisors[p]! * queryNorm)
      if (best.admits(score, p) && (filter === undefined || filter(this.ids[p]!))) best.push(score, p)
    }
    return best.sorted().map(([score, p]) => [this.ids[p]!, score])
  }

  /** Every passage covering at least `floor` of the query (see `coverage`), in index order. */
  matches(floor: number): string[] {
    const found: string[] = []
    this.forEachMatch(floor, (id) => found.push(id))
    return found
  }

  /**
   * `matches` with each passage's cosine (as `top` computes it) and its position in the index, which breaks ties
   * in `top`'s order: for ranking a passage among the matches without listing them all. `floor` must be at least the
   * query's own.
   */
  forEachMatch(floor: number, visit: (id: string, cosine: number, position: number) => void): void {
    if (floor < this.floor) throw new RangeError(`ngram: a query scored for a floor of ${this.floor} cannot list the matches at ${floor}.`)
    if (this.querySquares === 0) return
    const least = this.least(floor)
    const queryNorm = this.queryLength
    const { positions, sums } = this.found
    for (let k = 0; 2 * k < sums.length; k++) {
      if (!(sums[2 * k + 1]! >= least)) continue
      const p = positions === null ? k : positions[k]!
      visit(this.ids[p]!, sums[2 * k]! / (this.divisors[p]! * queryNorm), p)
    }
  }

  /** The covered weight a passage needs to cover `floor` of the query; a passage sharing no gram covers 0: no match. */
  private least(floor: number): number {
    return Math.max(floor * this.querySquares, Number.MIN_VALUE)
  }

  /**
   * Sums now, in one pass, the scores of passages the query did not score whole (see `floor`), which `cosine` and
   * `coverage` would otherwise each sum alone: for reading a few passages' scores, ranked by other channels.
   */
  complete(ids: Iterable<string>): void {
    if (this.rest === null) return
    const wanted: number[] = []
    for (const id of ids) {
      const p = this.positions().get(id)
      if (p !== undefined && this.slot(p) < 0 && !this.completed.has(p)) wanted.push(p)
    }
    if (wanted.length === 0) return
    const sorted = Uint32Array.from(new Set(wanted)).sort()
    const sums = this.rest(sorted)
    sorted.forEach((p, k) => this.completed.set(p, [sums[2 * k]!, sums[2 * k + 1]!]))
  }

  /** The query's score of a passage (see `NgramIndex`; still called its cosine), 0 when they share no gram. */
  cosine(id: string): number {
    const p = this.positions().get(id)
    if (p === undefined || this.querySquares === 0) return 0
    const [dot, covered] = this.sumsAt(p)
    return covered === 0 ? 0 : dot / (this.divisors[p]! * this.queryLength)
  }

  /**
   * The share of the query's gram weight (squared TF-IDF) found in a passage, 0–1: 1 when the passage holds every
   * gram of the query, whatever else it holds. Unlike the cosine it does not fall with the passage's length.
   */
  coverage(id: string): number {
    const p = this.positions().get(id)
    if (p === undefined || this.querySquares === 0) return 0
    return this.sumsAt(p)[1] / this.querySquares
  }

  /** A passage's dot product and covered weight, summed now if the query did not (see `complete`). */
  private sumsAt(p: number): [dot: number, covered: number] {
    const k = this.slot(p)
    if (k >= 0) return [this.found.sums[2 * k]!, this.found.sums[2 * k + 1]!]
    if (this.rest === null) return [0, 0]
    if (!this.completed.has(p)) this.complete([this.ids[p]!])
    return this.completed.get(p)!
  }

  /** The slot of a passage's sums (see `QuerySums`), or -1 when the query did not touch it. */
  private slot(p: number): number {
    const { positions, sums } = this.found
    if (positions === null) return sums[2 * p + 1] === 0 ? -1 : p
    let low = 0
    let high = positions.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (positions[middle]! < p) low = middle + 1
      else high = middle
    }
    return low < positions.length && positions[low] === p ? low : -1
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
