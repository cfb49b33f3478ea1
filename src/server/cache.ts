// A small cache of serialised /search answers: a popular query is answered without searching or serialising again.
// Kept per engine, so a swapped-in index never serves an answer of the old one.

import type { Engine, SearchRequest } from '../search/engine.js'

export interface ResultCacheOptions {
  /** Answers remembered per engine, least recently used out; 0 turns the cache off. 0–100 000. Defaults to 512. */
  entries: number
  /** Memory the remembered answers may hold per engine (two bytes a character), in bytes. 0–1 GiB. Defaults to 32 MiB. */
  maxBytes: number
}

export const defaultResultCacheOptions: ResultCacheOptions = { entries: 512, maxBytes: 32 * 1024 * 1024 }

/** Remembers the JSON body of recent answers. `tookMs` in a remembered body is the time the search first took. */
export class ResultCache {
  readonly #entries: number
  readonly #maxBytes: number
  readonly #byEngine = new WeakMap<Engine, { answers: Map<string, string>; bytes: number }>()

  constructor(options: Partial<ResultCacheOptions> = {}) {
    const { entries, maxBytes } = { ...defaultResultCacheOptions, ...options }
    if (!Number.isInteger(entries) || entries < 0 || entries > 100_000) throw new Error(`ResultCache: entries must be a whole number from 0 to 100000, got ${entries}.`)
    if (!Number.isInteger(maxBytes) || maxBytes < 0 || maxBytes > 2 ** 30) throw new Error(`ResultCache: maxBytes must be a whole number from 0 to 1073741824, got ${maxBytes}.`)
    this.#entries = entries
    this.#maxBytes = maxBytes
  }

  /** The JSON of `engine.search(request)`, from the cache when the same request was answered lately. */
  async search(engine: Engine, request: SearchRequest): Promise<{ body: string; hit: boolean }> {
    if (this.#entries === 0) return { body: JSON.stringify(await engine.search(request)), hit: false }
    let cache = this.#byEngine.get(engine)
    if (!cache) this.#byEngine.set(engine, (cache = { answers: new Map(), bytes: 0 }))
    const { answers } = cache
    // Every field of the request, in a fixed order: two spellings of one request share an entry.
    const key = JSON.stringify(request, Object.keys(request).sort())
    const cached = answers.get(key)
    if (cached !== undefined) {
      answers.delete(key)
      answers.set(key, cached)
      return { body: cached, hit: true }
    }
    const body = JSON.stringify(await engine.search(request))
    answers.set(key, body)
    cache.bytes += body.length * 2
    while (answers.size > this.#entries || cache.bytes > this.#maxBytes) {
      const [oldest, dropped] = answers.entries().next().value!
      answers.delete(oldest)
      cache.bytes -= dropped.length * 2
    }
    return { body, hit: false }
  }
}
