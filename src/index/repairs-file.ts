// The corpus's spelling repairs as an index file (`learnRepairs`, computed at build time): each damaged word and the
// form it is shown repaired to, so the engine need not read every passage's text to learn them at its first search.

import { decodeSections, decodeStrings, encodeSections, encodeStrings } from '../binary/sections.js'
import { SearchError } from '../errors.js'

/** Bumped whenever the layout of `repairs.bin` changes. */
export const REPAIRS_FILE_VERSION = 1

/** The chunks of `repairs.bin` for `repairs` (damaged word → repaired word), in word order. */
export function encodeRepairs(repairs: ReadonlyMap<string, string>): Uint8Array[] {
  const words = [...repairs.keys()].sort()
  const from = encodeStrings(words)
  const to = encodeStrings(words.map((word) => repairs.get(word)!))
  return encodeSections('repairs', REPAIRS_FILE_VERSION, { words: words.length }, { fromBytes: from.bytes, fromEnds: from.ends, toBytes: to.bytes, toEnds: to.ends })
}

/** Reads `repairs.bin`. Throws INDEX_CORRUPT when it is damaged. */
export function decodeRepairs(file: Uint8Array): Map<string, string> {
  const stored = decodeSections(file, 'repairs', REPAIRS_FILE_VERSION, 'repairs.bin')
  const from = decodeStrings(stored.section('fromBytes', Uint8Array), stored.section('fromEnds', Uint32Array))
  const to = decodeStrings(stored.section('toBytes', Uint8Array), stored.section('toEnds', Uint32Array))
  if (from.length !== to.length || (stored.meta as { words?: number } | null)?.words !== from.length) {
    throw new SearchError('INDEX_CORRUPT', 'The index file repairs.bin lists a different number of damaged and repaired words: rebuild with `npm run index`.')
  }
  return new Map(from.map((word, i) => [word, to[i]!]))
}
