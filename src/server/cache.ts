// A small cache of serialised /search answers: a popular query is answered without searching, serialising or
// encoding again. Kept per engine, so a swapped-in index never serves an answer of the old one.

import type { Engine, SearchRequest } from '../search/engine.js'
import { AnswerWriter, ownBytes } from './answer-bytes.js'
import type { HitPart } from './schemas.js'

export interface ResultCacheOptions {
  /** Answers remembered per engine, least recently used out; 0 turns the cache off. 0–100 000. Defaults to 512. */
  entries: number
  /** Memory the remembered answers may hold per engine (their UTF-8 bytes), in bytes. 0–1 GiB. Defaults to 32 MiB. */
  maxBytes: number
}

export const defaultResultCacheOptions: ResultCacheOptions = { entries: 512, maxBytes: 32 * 1024 * 1024 }

/** Remembers the JSON body of recent answers, as bytes. `tookMs` in a remembered body is the time the search first took. */
export class ResultCache {
  readonly #entries: number
  readonly #maxBytes: number
  readonly #byEngine = new WeakMap<Engine, { answers: Map<string, Buffer<ArrayBuffer>>; bytes: number; writer: AnswerWriter }>()

  constructor(options: Partial<ResultCacheOptions> = {}) {
    const { entries, maxBytes } = { ...defaultResultCacheOptions, ...options }
    if (!Number.isInteger(entries) || entries < 0 || entries > 100_000) throw new Error(`ResultCache: entries must be a whole number from 0 to 100000, got ${entries}.`)
    if (!Number.isInteger(maxBytes) || maxBytes < 0 || maxBytes > 2 ** 30) throw new Error(`ResultCache: maxBytes must be a whole number from 0 to 1073741824, got ${maxBytes}.`)
    this.#entries = entries
    this.#maxBytes = maxBytes
  }

  /**
   * The JSON of `engine.search(request)` as UTF-8 bytes, each hit with only the parts always there and `fields` when
   * given, from the cache when the same request was answered lately.
   */
  async search(engine: Engine, request: SearchRequest, fields?: readonly HitPart[]): Promise<{ body: Buffer<ArrayBuffer>; hit: boolean }> {
    let cache = this.#byEngine.get(engine)
    if (!cache) this.#byEngine.set(engine, (cache = { answers: new Map(), bytes: 0, writer: new AnswerWriter() }))
    const { answers, writer } = cache
    if (this.#entries === 0) return { body: writer.bytes(await engine.search(request), fields), hit: false }
    // Every field of the request, in a fixed order, and the parts asked for: two spellings of one request share an entry.
    const key = `${JSON.stringify(request, Object.keys(request).sort())}${fields ? ` ${fields.join(',')}` : ''}`
    let cached = answers.get(key)
    if (cached !== undefined) {
      answers.delete(key)
      // An answer asked for again may stay long: it moves out of the slab it was written in (see `ownBytes`).
      answers.set(key, (cached = ownBytes(cached)))
      return { body: cached, hit: true }
    }
    const body = writer.bytes(await engine.search(request), fields)
    answers.set(key, body)
    cache.bytes += body.length
    while (answers.size > this.#entries || cache.bytes > this.#maxBytes) {
      const [oldest, dropped] = answers.entries().next().value!
      answers.delete(oldest)
      cache.bytes -= dropped.length
    }
    return { body, hit: false }
  }
}
