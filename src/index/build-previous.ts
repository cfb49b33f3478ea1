// The last build as the next one starts from it: its state (analysed corpus, full gram postings) and its documents,
// offered to the document cache by key, so an unchanged document is neither read nor analysed again.

import { countWords } from '../text/spelling.js'
import type { IndexManifest, Passage } from '../types.js'
import { readBuildState, type BuildState } from './build-state.js'
import { decodeCorpus } from './corpus-file.js'
import type { DocumentCache } from './document-cache.js'
import { readIndex } from './store.js'
import { decodeVariantNumbers } from './variants-file.js'
import type { WordCountMap } from './word-counts.js'

/** The state file, in the index's cache folder. */
export const STATE_FILE = 'state.bin'

export interface PreviousBuild {
  state: BuildState
  /** Each document's first passage in the last build, by cache key. */
  starts: Map<string, number>
  /** Its variant groups as passage numbers (see `decodeVariantNumbers`). */
  variants: { members: Uint32Array; ends: Uint32Array }
  /** Its passages, in its order (their texts decoded when read: see `decodeCorpus`). */
  passages: readonly Passage[]
  /** The model of its vectors (null when it has none). */
  model: IndexManifest['model']
  /** One of its files, checked against its manifest. */
  read(name: string): Promise<Uint8Array>
}

/**
 * The live build with its state, its documents remembered in `cache`; null when there is no live build, no state
 * for it (a build of other code, a state never written or damaged): the build then starts from the caches alone.
 */
export async function previousBuild(indexDir: string, statePath: string, cache: DocumentCache): Promise<PreviousBuild | null> {
  let live: Awaited<ReturnType<typeof readIndex>>
  try {
    live = await readIndex(indexDir)
  } catch {
    return null
  }
  const state = await readBuildState(statePath, live.manifest.buildId, cache.code)
  if (!state) return null
  let corpus: ReturnType<typeof decodeCorpus>
  let variants: PreviousBuild['variants']
  try {
    corpus = decodeCorpus(await live.read('corpus.bin'), { lazyTexts: true })
    variants = decodeVariantNumbers(await live.read('variants.bin'), corpus.passages.length)
  } catch {
    return null
  }
  if (corpus.documents.length !== state.documents.length || corpus.passages.length !== state.postings.passages) return null
  const starts = new Map<string, number>()
  let at = 0
  state.documents.forEach(({ key, passages }, d) => {
    const document = corpus.documents[d]!
    cache.remember(key, { document, passages: corpus.passages.slice(at, at + passages) })
    starts.set(key, at)
    at += passages
  })
  return { state, starts, variants, passages: corpus.passages, model: live.manifest.model, read: live.read }
}

/**
 * The corpus's word counts (see `countWords`): the last build's, less its passages gone, plus those added; and the
 * words whose count changed (what `updateRepairs` learns again). The last build's map is taken over and changed in
 * place (a build reads its state once).
 */
export function spellingCounts(previous: PreviousBuild, renumber: Int32Array, passages: readonly Passage[], addedAt: Uint32Array): { counts: WordCountMap; changed: string[] } {
  const counts = previous.state.spelling
  const gone = countWords(previous.passages.filter((_, p) => renumber[p]! < 0).map((p) => p.text))
  const added = countWords(Array.from(addedAt, (p) => passages[p]!.text))
  // As `countWords(gone texts, counts, -1)` then `countWords(added texts, counts)` leave the map, order included.
  for (const [word, count] of gone) {
    const left = counts.get(word)! - count
    if (left > 0) counts.set(word, left)
    else counts.delete(word)
  }
  for (const [word, count] of added) counts.set(word, (counts.get(word) ?? 0) + count)
  return { counts, changed: [...gone.keys(), ...added.keys()] }
}

/**
 * Which passages keep the variant component they had (see `variantComponents`' `settled`): a label for each passage
 * of a group none of whose members is gone, and for each old passage in no group; −1 for the rest.
 */
export function settledComponents(previous: PreviousBuild, renumber: Int32Array, passages: number): Int32Array {
  const settled = new Int32Array(passages).fill(-1)
  const { members, ends } = previous.variants
  const grouped = new Uint8Array(renumber.length)
  let start = 0
  ends.forEach((end, g) => {
    let whole = true
    for (let i = start; i < end; i++) {
      grouped[members[i]!] = 1
      if (renumber[members[i]!]! < 0) whole = false
    }
    if (whole) for (let i = start; i < end; i++) settled[renumber[members[i]!]!] = g
    start = end
  })
  renumber.forEach((to, from) => {
    if (to >= 0 && !grouped[from]) settled[to] = ends.length + from
  })
  return settled
}
