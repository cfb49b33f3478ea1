// The body of a /search answer: its JSON as UTF-8 bytes, the same bytes as `Buffer.from(JSON.stringify(answer))`,
// written for less CPU. Node re-encodes a string body on every write to the socket, which on loopback cost more than
// the search (docs/benchmarks.md › HTTP throughput › Session 7); a Buffer is written as it is, and a cached one is
// never encoded again. The parts of a hit that every answer showing the passage repeats — its text, its citation,
// its repaired text — are serialised once per engine and reused.

import type { SearchResponse } from '../search/engine.js'
import type { SearchHit } from '../types.js'
import { HIT_ALWAYS, type HitPart } from './schemas.js'

const ALWAYS: ReadonlySet<string> = new Set(HIT_ALWAYS)

/** Passages whose serialised parts are remembered, per engine; past it the oldest are forgotten. */
const REMEMBERED_PASSAGES = 4096

interface Remembered {
  text: string
  textJson: string
  citation: SearchHit['citation']
  citationJson: string
  repairedText?: string
  repairedTextJson?: string
}

/**
 * Writes answers of one engine. Reuse is checked, not assumed: a part is reused only for the same text (the same
 * string, or an equal one) or the same citation object (the engine keeps one per passage), so whatever the engine
 * hands in, the bytes are those of `JSON.stringify`.
 */
export class AnswerWriter {
  readonly #passages = new Map<string, Remembered>()

  /** The answer's JSON as UTF-8 bytes; see `json`. */
  bytes(answer: SearchResponse, fields?: readonly HitPart[]): Buffer<ArrayBuffer> {
    return utf8(this.json(answer, fields))
  }

  /**
   * The answer's JSON, as `JSON.stringify(answer)` writes it; with `fields`, each hit has only the parts always
   * there and those named.
   */
  json(answer: SearchResponse, fields?: readonly HitPart[]): string {
    const kept = fields && new Set<string>([...ALWAYS, ...fields])
    let json = '{'
    for (const key in answer) {
      const value = (answer as unknown as Record<string, unknown>)[key]
      if (value === undefined) continue
      json += `${json.length > 1 ? ',' : ''}${JSON.stringify(key)}:`
      json += key === 'results' ? `[${answer.results.map((hit) => this.#hit(hit, kept)).join(',')}]` : JSON.stringify(value)
    }
    return `${json}}`
  }

  #hit(hit: SearchHit, kept: ReadonlySet<string> | undefined): string {
    const remembered = this.#remembered(hit)
    let json = '{'
    for (const key in hit) {
      const value = (hit as unknown as Record<string, unknown>)[key]
      if (value === undefined || (kept && !kept.has(key))) continue
      json += `${json.length > 1 ? ',' : ''}${JSON.stringify(key)}:`
      if (key === 'text') json += remembered.textJson
      else if (key === 'citation') json += remembered.citationJson
      else if (key === 'repaired') json += this.#repaired(hit.repaired!, remembered)
      else json += JSON.stringify(value)
    }
    return `${json}}`
  }

  #repaired(repaired: NonNullable<SearchHit['repaired']>, remembered: Remembered): string {
    if (remembered.repairedText !== repaired.text) {
      remembered.repairedText = repaired.text
      remembered.repairedTextJson = JSON.stringify(repaired.text)
    }
    let json = '{'
    for (const key in repaired) {
      const value = (repaired as unknown as Record<string, unknown>)[key]
      if (value === undefined) continue
      json += `${json.length > 1 ? ',' : ''}${JSON.stringify(key)}:${key === 'text' ? remembered.repairedTextJson : JSON.stringify(value)}`
    }
    return `${json}}`
  }

  #remembered(hit: SearchHit): Remembered {
    let remembered = this.#passages.get(hit.id)
    if (!remembered) {
      if (this.#passages.size >= REMEMBERED_PASSAGES) this.#passages.delete(this.#passages.keys().next().value!)
      remembered = { text: hit.text, textJson: JSON.stringify(hit.text), citation: hit.citation, citationJson: JSON.stringify(hit.citation) }
      this.#passages.set(hit.id, remembered)
      return remembered
    }
    if (remembered.text !== hit.text) {
      remembered.text = hit.text
      remembered.textJson = JSON.stringify(hit.text)
    }
    if (remembered.citation !== hit.citation) {
      remembered.citation = hit.citation
      remembered.citationJson = JSON.stringify(hit.citation)
    }
    return remembered
  }
}

// Encoding into a scratch buffer and copying out the bytes written costs about a third of `Buffer.from(text)`,
// which measures the text once and encodes it again.
let scratch = Buffer.allocUnsafeSlow(1 << 16)

/** `text` as UTF-8 bytes, in a Buffer of its own. */
export function utf8(text: string): Buffer<ArrayBuffer> {
  // A UTF-16 code unit takes at most three bytes in UTF-8 (a surrogate pair, two units, takes four).
  if (text.length * 3 > scratch.length) scratch = Buffer.allocUnsafeSlow(2 ** Math.ceil(Math.log2(text.length * 3)))
  const written = scratch.write(text)
  return Buffer.from(scratch.subarray(0, written))
}
