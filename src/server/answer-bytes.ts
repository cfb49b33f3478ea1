// The body of a /search answer: its JSON as UTF-8 bytes, the same bytes as `Buffer.from(JSON.stringify(answer))`,
// written for less CPU. Node re-encodes a string body on every write to the socket, which on loopback cost more than
// the search (docs/benchmarks.md › HTTP throughput › Session 7); a Buffer is written as it is, and a cached one is
// never encoded again. The parts of a hit that every answer showing the passage repeats — its text, its citation,
// its repaired text and corrections, its variants: most of an answer's bytes — are serialised and encoded once per
// engine and copied in as bytes.

import type { SearchResponse } from '../search/engine.js'
import type { SearchHit } from '../types.js'
import { HIT_ALWAYS, type HitPart } from './schemas.js'

const ALWAYS: ReadonlySet<string> = new Set(HIT_ALWAYS)

/** Passages whose serialised parts are remembered, per engine; past it the oldest are forgotten. */
const REMEMBERED_PASSAGES = 4096

/** A part of a hit as last serialised: the value it was made from and its JSON's UTF-8 bytes. */
interface Part<T> {
  value: T
  bytes: Buffer
}

interface Remembered {
  text?: Part<string>
  citation?: Part<SearchHit['citation']>
  variants?: Part<SearchHit['variants']>
  repairedText?: Part<string>
  corrections?: Part<NonNullable<SearchHit['repaired']>['corrections']>
}

/**
 * Writes answers of one engine. Reuse is checked, not assumed: a part is reused only for the same text (the same
 * string, or an equal one) or the same object (the engine keeps one citation, one variants summary and one list of
 * corrections per passage), so whatever the engine hands in, the bytes are those of `JSON.stringify`.
 */
export class AnswerWriter {
  readonly #passages = new Map<string, Remembered>()

  /**
   * The answer's JSON as UTF-8 bytes, as `JSON.stringify(answer)` writes it; with `fields`, each hit has only the
   * parts always there and those named.
   */
  bytes(answer: SearchResponse, fields?: readonly HitPart[]): Buffer<ArrayBuffer> {
    const kept = fields && new Set<string>([...ALWAYS, ...fields])
    const out = answerBuilder.start()
    let first = true
    for (const key in answer) {
      const value = (answer as unknown as Record<string, unknown>)[key]
      if (value === undefined) continue
      out.text(first ? `{${keyJson(key)}` : `,${keyJson(key)}`)
      first = false
      if (key !== 'results') {
        out.text(JSON.stringify(value))
        continue
      }
      out.text('[')
      const results = answer.results
      for (let i = 0; i < results.length; i++) {
        if (i > 0) out.text(',')
        this.#hit(results[i]!, kept, out)
      }
      out.text(']')
    }
    out.text(first ? '{}' : '}')
    return out.done()
  }

  #hit(hit: SearchHit, kept: ReadonlySet<string> | undefined, out: ByteBuilder): void {
    const remembered = this.#remembered(hit.id)
    let first = true
    for (const key in hit) {
      const value = (hit as unknown as Record<string, unknown>)[key]
      if (value === undefined || (kept && !kept.has(key))) continue
      out.text(first ? `{${keyJson(key)}` : `,${keyJson(key)}`)
      first = false
      if (key === 'text') out.raw((remembered.text = part(remembered.text, hit.text)).bytes)
      else if (key === 'citation') out.raw((remembered.citation = part(remembered.citation, hit.citation)).bytes)
      else if (key === 'variants') out.raw((remembered.variants = part(remembered.variants, hit.variants)).bytes)
      else if (key === 'repaired') this.#repaired(hit.repaired!, remembered, out)
      else out.text(JSON.stringify(value))
    }
    out.text(first ? '{}' : '}')
  }

  #repaired(repaired: NonNullable<SearchHit['repaired']>, remembered: Remembered, out: ByteBuilder): void {
    let first = true
    for (const key in repaired) {
      const value = (repaired as unknown as Record<string, unknown>)[key]
      if (value === undefined) continue
      out.text(first ? `{${keyJson(key)}` : `,${keyJson(key)}`)
      first = false
      if (key === 'text') out.raw((remembered.repairedText = part(remembered.repairedText, repaired.text)).bytes)
      else if (key === 'corrections') out.raw((remembered.corrections = part(remembered.corrections, repaired.corrections)).bytes)
      else out.text(JSON.stringify(value))
    }
    out.text(first ? '{}' : '}')
  }

  #remembered(id: string): Remembered {
    let remembered = this.#passages.get(id)
    if (!remembered) {
      if (this.#passages.size >= REMEMBERED_PASSAGES) this.#passages.delete(this.#passages.keys().next().value!)
      this.#passages.set(id, (remembered = {}))
    }
    return remembered
  }
}

/** The part remembered when it was made from this value (the same object, or an equal string), else a new one. */
function part<T>(remembered: Part<T> | undefined, value: T): Part<T> {
  return remembered !== undefined && remembered.value === value ? remembered : { value, bytes: utf8(JSON.stringify(value)) }
}

/** `"key":` for each key seen, made once: an answer's keys are the same few dozen names. */
const keyJsons = new Map<string, string>()
function keyJson(key: string): string {
  let json = keyJsons.get(key)
  if (json === undefined) keyJsons.set(key, (json = `${JSON.stringify(key)}:`))
  return json
}

/**
 * Bytes assembled in a scratch buffer: the small parts gathered as a string and encoded in one call before each
 * remembered part is copied in, then the whole copied out once. Synchronous from `start` to `done`.
 */
class ByteBuilder {
  #buffer = Buffer.allocUnsafeSlow(1 << 16)
  #length = 0
  #pending = ''

  start(): this {
    this.#length = 0
    this.#pending = ''
    return this
  }

  text(text: string): void {
    this.#pending += text
  }

  raw(bytes: Buffer): void {
    this.#flush()
    this.#reserve(bytes.length)
    bytes.copy(this.#buffer, this.#length)
    this.#length += bytes.length
  }

  done(): Buffer<ArrayBuffer> {
    this.#flush()
    const bytes = carve(this.#length)
    this.#buffer.copy(bytes, 0, 0, this.#length)
    return bytes
  }

  #flush(): void {
    if (this.#pending === '') return
    // A UTF-16 code unit takes at most three bytes in UTF-8 (a surrogate pair, two units, takes four).
    this.#reserve(this.#pending.length * 3)
    this.#length += this.#buffer.write(this.#pending, this.#length)
    this.#pending = ''
  }

  #reserve(bytes: number): void {
    if (this.#length + bytes <= this.#buffer.length) return
    const grown = Buffer.allocUnsafeSlow(2 ** Math.ceil(Math.log2(this.#length + bytes)))
    this.#buffer.copy(grown, 0, 0, this.#length)
    this.#buffer = grown
  }
}

// An answer is being assembled while the parts it remembers are encoded: each has its builder.
const answerBuilder = new ByteBuilder()
const partBuilder = new ByteBuilder()

/** `text` as UTF-8 bytes, in a Buffer of its own (see `ownBytes`). */
export function utf8(text: string): Buffer<ArrayBuffer> {
  const out = partBuilder.start()
  out.text(text)
  return out.done()
}

// Each answer in a memory block of its own made the garbage collector run a full collection every few dozen
// requests (the blocks are counted as external memory): answers up to SLAB / 4 bytes are cut from a shared slab
// instead, as Node cuts its small Buffers from a pool. A slab is freed once no answer cut from it is kept.
const SLAB = 256 * 1024
let slab = Buffer.allocUnsafeSlow(SLAB)
let slabUsed = 0

function carve(length: number): Buffer<ArrayBuffer> {
  if (length > SLAB / 4) return Buffer.allocUnsafeSlow(length)
  if (slabUsed + length > SLAB) {
    slab = Buffer.allocUnsafeSlow(SLAB)
    slabUsed = 0
  }
  const bytes = slab.subarray(slabUsed, slabUsed + length)
  // Aligned to 8 bytes, as Node aligns its pool.
  slabUsed += (length + 7) & ~7
  return bytes
}

/**
 * `bytes` in a memory block of their own: for an answer kept a long time (one the cache serves again), so that it
 * does not keep the rest of its slab alive with it.
 */
export function ownBytes(bytes: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  if (bytes.byteLength === bytes.buffer.byteLength) return bytes
  const own = Buffer.allocUnsafeSlow(bytes.length)
  bytes.copy(own)
  return own
}
