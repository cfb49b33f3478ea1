// `corpus.bin` of an incremental build from the last build's: the kept passages' strings written from the last file's
// bytes (views, one per run of passages) and their columns copied as numbers, only the added passages encoded. The result is byte for byte what `encodeCorpus` gives
// for the whole corpus, without encoding every passage's text again (0.7-1 s of an add at 100k passages).

import { decodeSections, encodeStrings } from '../binary/sections.js'
import type { Passage } from '../types.js'
import type { PassageChange } from './build-keyword.js'
import { corpusChunks, CORPUS_FILE_VERSION, emptyColumns, extraOf, KINDS, type CorpusFile, type CorpusMeta, type StringRuns, type StringTable } from './corpus-file.js'

/**
 * The chunks of `corpus.bin` for `corpus`, from `last` (the last build's file) and `lastPassages` (its passages as
 * decoded from it), given how its passages map onto these (`change`). Null when the kept passages are not the very
 * objects decoded from `last`, or `last` does not hold together (then encode the corpus whole).
 */
export function spliceCorpus(last: Uint8Array, lastPassages: readonly Passage[], change: PassageChange, corpus: CorpusFile): Uint8Array[] | null {
  const { renumber, addedAt } = change
  const { documents, passages, problems } = corpus
  let stored: ReturnType<typeof decodeSections>
  try {
    stored = decodeSections(last, 'corpus', CORPUS_FILE_VERSION, 'corpus.bin')
  } catch {
    return null
  }
  const meta = stored.meta as Partial<CorpusMeta> | null
  if (!meta || !Array.isArray(meta.documents) || !Array.isArray(meta.sections)) return null
  const old = {
    document: stored.section('document', Uint32Array),
    section: stored.section('section', Uint32Array),
    start: stored.section('start', Uint32Array),
    end: stored.section('end', Uint32Array),
    order: stored.section('order', Uint32Array),
    kind: stored.section('kind', Uint8Array),
  }
  const count = passages.length
  if (renumber.length !== lastPassages.length || old.document.length !== lastPassages.length) return null
  // Which old passage each new one is (−1: added); a kept passage must be the object decoded from the last file.
  const from = new Int32Array(count).fill(-1)
  let kept = 0
  for (let p = 0; p < renumber.length; p++) {
    const to = renumber[p]!
    if (to < 0) continue
    if (to >= count || passages[to] !== lastPassages[p]) return null
    from[to] = p
    kept++
  }
  if (kept + addedAt.length !== count) return null

  const documentIndex = new Map(documents.map((d, i) => [d.id, i]))
  const documentOf = Int32Array.from(meta.documents, (d) => documentIndex.get(d.id) ?? -1)
  const added = new Map<string, number>()
  const lastSections = meta.sections
  const lastSectionKeys = new Map<string, number>()
  const sectionNumber = new Int32Array(lastSections.length).fill(-1)
  const sections: string[][] = []
  const columns = emptyColumns(count)
  // Sections numbered by first occurrence, as `encodeCorpus` numbers them: an added passage's path is looked up among
  // the last build's paths (by their JSON, as there) and among those added before it.
  for (let p = 0; p < count; p++) {
    const q = from[p]!
    let section: number
    if (q >= 0) {
      const document = documentOf[old.document[q]!]!
      if (document < 0) return null
      columns.document[p] = document
      const s = old.section[q]!
      if (sectionNumber[s]! < 0) sectionNumber[s] = sections.push(lastSections[s]!) - 1
      section = sectionNumber[s]!
      columns.start[p] = old.start[q]!
      columns.end[p] = old.end[q]!
      columns.order[p] = old.order[q]!
      columns.kind[p] = old.kind[q]!
    } else {
      const passage = passages[p]!
      const document = documentIndex.get(passage.docId)
      if (document === undefined) return null
      columns.document[p] = document
      if (lastSectionKeys.size === 0) lastSections.forEach((path, s) => lastSectionKeys.set(JSON.stringify(path), s))
      const key = JSON.stringify(passage.section)
      const s = lastSectionKeys.get(key)
      if (s !== undefined) {
        if (sectionNumber[s]! < 0) sectionNumber[s] = sections.push(lastSections[s]!) - 1
        section = sectionNumber[s]!
      } else {
        let number = added.get(key)
        if (number === undefined) added.set(key, (number = sections.push(passage.section) - 1))
        section = number
      }
      columns.start[p] = passage.start
      columns.end[p] = passage.end
      columns.order[p] = passage.order
      columns.kind[p] = KINDS.indexOf(passage.kind)
    }
    columns.section[p] = section
  }
  const table = (name: string, ends: string, value: (passage: Passage) => string): StringRuns =>
    spliceTable({ bytes: stored.section(name, Uint8Array), ends: stored.section(ends, Uint32Array) }, from, encodeStrings(Array.from(addedAt, (p) => value(passages[p]!))))
  return corpusChunks({ documents, problems, sections }, {
    text: table('text', 'textEnds', (p) => p.text),
    ids: table('ids', 'idEnds', (p) => p.id),
    paragraphs: table('paragraphs', 'paragraphEnds', (p) => p.paragraph),
    extras: table('extras', 'extraEnds', extraOf),
  }, columns)
}

// A string table of the new passages: a kept passage's bytes from the last table, an added passage's from `added`
// (the added passages' strings, in order), as views: one per run of passages consecutive in the table they come from.
function spliceTable(last: StringTable, from: Int32Array, added: StringTable): StringRuns {
  const count = from.length
  const ends = new Uint32Array(count)
  const runs: Uint8Array[] = []
  const startOf = (table: StringTable, i: number) => (i === 0 ? 0 : table.ends[i - 1]!)
  let length = 0
  let a = 0
  for (let p = 0; p < count; ) {
    const q = from[p]!
    let run = p + 1
    if (q < 0) {
      while (run < count && from[run]! < 0) run++
      const end = a + run - p
      runs.push(added.bytes.subarray(startOf(added, a), added.ends[end - 1]!))
      for (; p < run; p++) length = ends[p] = length + added.ends[a]! - startOf(added, a++)
    } else {
      while (run < count && from[run] === from[run - 1]! + 1) run++
      runs.push(last.bytes.subarray(startOf(last, q), last.ends[from[run - 1]!]!))
      for (; p < run; p++) length = ends[p] = length + last.ends[from[p]!]! - startOf(last, from[p]!)
    }
  }
  return { bytes: runs, ends }
}
