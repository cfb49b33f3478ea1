// What the last build keeps for the next one: its analysed corpus, every gram's full postings, and which documents
// (by their cache key) its passages came from. With these, adding or removing a document updates the indexes from
// that document alone instead of merging and cutting every passage again. Valid only for the build it describes.

import { checksumOf } from '../binary/checksum.js'
import { readFile } from 'node:fs/promises'
import { decodeSections, decodeStrings, encodeSections, encodeStrings, type SectionArray } from '../binary/sections.js'
import { writeFileInPlace } from './store.js'
import type { GramPostings } from '../semantic/ngram-postings.js'
import { GRAM_STATE_SECTIONS, gramPostingsFromState, gramStateSections } from '../semantic/ngram-state.js'
import type { AnalysedCorpus } from './analysis.js'
import { WordCounts, type WordCountMap } from './word-counts.js'

/** Bumped whenever the layout of the state file changes. 3: the corpus's word counts (spelling repairs). 4: a CRC-32
 * checksum instead of SHA-256. 5: capped grams' postings grouped by impact, and the passages' n-gram vector lengths.
 * 6: the gram postings' sections are the n-gram module's (`gramStateSections`): kept postings then the capped rest. */
const BUILD_STATE_VERSION = 6

export interface BuildState {
  /** The build this describes; a state of another build is not used. */
  buildId: string
  /** The fingerprint of the code that made it (see `DocumentCache`). */
  code: string
  /** The documents in corpus order: the cache key of each and how many passages it has. */
  documents: Array<{ key: string; passages: number }>
  analysed: AnalysedCorpus
  postings: GramPostings
  /** Each word of the corpus's texts with how often it occurs (`countWords`): what spelling repairs are learned from. */
  spelling: WordCountMap
  /** At most how many distinct passage texts the build has (see `EmbeddedTexts.distinct`); absent without vectors. */
  distinctTexts?: number
  /** The string tables the state was read from (absent for a state built now): what the next one copies bytes from. */
  tables?: { words: StoredStrings; stems: StoredStrings; spelling: StoredStrings }
}

/** Strings as `encodeStrings` stores them, with the strings themselves. */
export interface StoredStrings {
  strings: readonly string[]
  bytes: Uint8Array
  ends: Uint32Array
}

/** Writes `state`; `last`, the state it was made from, lends the bytes of the strings they share. */
export async function writeBuildState(path: string, state: BuildState, last?: BuildState): Promise<void> {
  const { analysed: a, postings: g } = state
  const words = encodeOnto(a.words, last?.tables?.words)
  const stems = encodeOnto(a.stems, last?.tables?.stems)
  const spelling = encodeOnto([...state.spelling.keys()], last?.tables?.spelling)
  const sections: Record<string, SectionArray> = {
    words: words.bytes, wordEnds: words.ends, stems: stems.bytes, stemEnds: stems.ends, stemOf: a.stemOf,
    sectionStart: a.sectionStart, sectionWords: a.sectionWords, textStart: a.textStart, textWords: a.textWords, bandKeys: a.bandKeys,
    ...gramStateSections(g),
    spellingWords: spelling.bytes, spellingEnds: spelling.ends, spellingCounts: Uint32Array.from(state.spelling.values()),
  }
  const meta = { buildId: state.buildId, code: state.code, documents: state.documents, passages: g.passages, cap: g.cap, distinctTexts: state.distinctTexts, checksum: digest(Object.values(sections)) }
  // In place (its checksum tells a state cut short): writing 190 MB at 100k over the last state costs 0.05 s of CPU,
  // to a new file 0.3–0.45 s (see store.ts). Only builds read it, one at a time (the build lock).
  await writeFileInPlace(path, encodeSections('build-state', BUILD_STATE_VERSION, meta, sections))
}

/** The state at `path` when it describes build `buildId` made by code `code`; null when absent, stale or damaged. */
export async function readBuildState(path: string, buildId: string, code: string): Promise<BuildState | null> {
  let file: Buffer
  try {
    file = await readFile(path)
  } catch {
    return null
  }
  try {
    const stored = decodeSections(file, 'build-state', BUILD_STATE_VERSION, path)
    const meta = stored.meta as { buildId: string; code: string; documents: BuildState['documents']; passages: number; cap: number; distinctTexts?: number; checksum: string }
    if (meta.buildId !== buildId || meta.code !== code) return null
    const u8 = (name: string) => stored.section(name, Uint8Array)
    const u32 = (name: string) => stored.section(name, Uint32Array)
    const gramNames = Object.keys(GRAM_STATE_SECTIONS) as Array<keyof typeof GRAM_STATE_SECTIONS>
    const names = ['words', 'wordEnds', 'stems', 'stemEnds', 'stemOf', 'sectionStart', 'sectionWords', 'textStart', 'textWords', 'bandKeys', ...gramNames, 'spellingWords', 'spellingEnds', 'spellingCounts']
    const gramTypes: Record<string, new (...args: never[]) => SectionArray> = GRAM_STATE_SECTIONS
    const arrays = names.map((name) => (name === 'stemOf' ? stored.section(name, Int32Array) : gramTypes[name] ? stored.section(name, gramTypes[name]) : /^(words|stems|spellingWords)$/.test(name) ? u8(name) : u32(name)))
    if (digest(arrays) !== meta.checksum) return null
    // Views over the file's bytes, not copies: the build reads them once (the postings, most of the file, are
    // rewritten whole), and the file is let go with the state.
    const table = (bytes: string, ends: string): StoredStrings => ({ strings: decodeStrings(u8(bytes), u32(ends)), bytes: u8(bytes), ends: u32(ends) })
    const tables = { words: table('words', 'wordEnds'), stems: table('stems', 'stemEnds'), spelling: table('spellingWords', 'spellingEnds') }
    const analysed: AnalysedCorpus = {
      words: tables.words.strings as string[],
      stems: tables.stems.strings as string[],
      stemOf: stored.section('stemOf', Int32Array),
      sectionStart: u32('sectionStart'),
      sectionWords: u32('sectionWords'),
      textStart: u32('textStart'),
      textWords: u32('textWords'),
      bandKeys: u32('bandKeys'),
    }
    const postings = gramPostingsFromState((name) => stored.section(name, GRAM_STATE_SECTIONS[name] as new (...args: never[]) => SectionArray), meta.passages, meta.cap)
    const spellingCounts = u32('spellingCounts')
    const spelling = new WordCounts(tables.spelling.strings, spellingCounts)
    if (analysed.textStart.length !== meta.passages + 1 || meta.documents.reduce((n, d) => n + d.passages, 0) !== meta.passages) return null
    const distinctTexts = Number.isInteger(meta.distinctTexts) ? { distinctTexts: meta.distinctTexts! } : {}
    return { buildId, code, documents: meta.documents, analysed, postings, spelling, ...distinctTexts, tables }
  } catch {
    return null
  }
}

/**
 * `encodeStrings(strings)`, the bytes of those first strings that equal `last`'s, in its order (an add's vocabulary
 * and word counts: the last build's, then the report's new ones), copied from `last` instead of encoded again.
 */
export function encodeOnto(strings: readonly string[], last?: StoredStrings): { bytes: Uint8Array; ends: Uint32Array } {
  let kept = 0
  if (last) while (kept < last.strings.length && kept < strings.length && strings[kept] === last.strings[kept]) kept++
  if (kept === 0) return encodeStrings(strings)
  // Each string's bytes are its own in `encodeStrings`' table: a prefix of the table is the prefix's table.
  const rest = encodeStrings(strings.slice(kept))
  const base = last!.ends[kept - 1]!
  const bytes = new Uint8Array(base + rest.bytes.length)
  bytes.set(last!.bytes.subarray(0, base))
  bytes.set(rest.bytes, base)
  const ends = new Uint32Array(strings.length)
  ends.set(last!.ends.subarray(0, kept))
  for (let i = 0; i < rest.ends.length; i++) ends[kept + i] = base + rest.ends[i]!
  return { bytes, ends }
}

function digest(arrays: readonly SectionArray[]): string {
  return checksumOf(arrays.map((array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength)))
}
