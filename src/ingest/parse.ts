// One seed document → its metadata and its citable passages. Pure: the text in, plain data out.

import { createHash } from 'node:crypto'
import type { DocumentMeta, Passage } from '../types.js'
import type { CatalogueEntry } from './catalogue.js'
import { blocksToLines, type Block, type ReadDocument } from './blocks.js'
import { isMarkdown, sourceLines, type SourceLine } from './clean.js'
import { joinSegments } from './join.js'
import { passageKind } from './kinds.js'
import { documentMeta, readStatedMetadata } from './metadata.js'
import { readStructure, type RawPassage } from './paragraphs.js'

export type { CatalogueEntry } from './catalogue.js'

/** Two passages with the same number whose words overlap this much are one paragraph printed twice. */
const REPEAT_SIMILARITY = 0.9

/**
 * Parses one seed: `file` is its name (the document id is the name without extension), `raw` its text
 * decoded as UTF-8 (passage offsets index into it), `catalogueEntry` what the catalogue adds.
 */
export function parseDocument(file: string, raw: string, catalogueEntry?: CatalogueEntry): { document: DocumentMeta; passages: Passage[] } {
  const sha256 = createHash('sha256').update(raw, 'utf8').digest('hex')
  return assemble(file, sha256, sourceLines(raw, isMarkdown(file, raw)), new Map(), catalogueEntry)
}

/**
 * Parses a laid-out document (PDF, Word, OCR) read into blocks: the same structure, numbering and metadata
 * logic as a text seed, plus pages and footnotes. `sha256` is the file's; passage offsets index into the
 * text the blocks make (`blocksToLines`).
 */
export function parseBlocks(file: string, sha256: string, read: ReadDocument, catalogueEntry?: CatalogueEntry): { document: DocumentMeta; passages: Passage[] } {
  const { document, passages } = assemble(file, sha256, blocksToLines(read.blocks).lines, footnotes(read.blocks), catalogueEntry)
  if (read.pages !== undefined) document.pages = read.pages
  if (read.ocrPages && read.ocrPages.length > 0) document.ocrPages = read.ocrPages
  return { document, passages }
}

function assemble(file: string, sha256: string, lines: SourceLine[], notes: Map<string, Array<{ page: number | undefined; text: string }>>, catalogueEntry?: CatalogueEntry) {
  const structure = readStructure(lines)
  const document = documentMeta(file, sha256, readStatedMetadata(lines, structure.frontMatter), catalogueEntry)
  const ids = new PassageIds(document.id)
  const passages = dropRepeatedParagraphs(structure.passages).map((passage, order): Passage => {
    const result: Passage = {
      id: ids.next(passage),
      docId: document.id,
      file,
      paragraph: label(passage),
      section: passage.section,
      start: passage.start,
      end: passage.end,
      text: passage.text,
      kind: passageKind(passage, document.kind),
      order,
    }
    if (passage.pages.length > 0) result.pages = passage.pages
    const called = passage.noteRefs.flatMap((marker) => {
      const candidates = notes.get(marker) ?? []
      const note = candidates.find((candidate) => candidate.page !== undefined && passage.pages.includes(candidate.page)) ?? candidates[0]
      return note ? [{ marker, text: note.text }] : []
    })
    if (called.length > 0) result.notes = called
    return result
  })
  return { document, passages }
}

/** Footnote texts by marker, with their page (a marker like `*` may repeat on other pages). */
function footnotes(blocks: Block[]): Map<string, Array<{ page: number | undefined; text: string }>> {
  const notes = new Map<string, Array<{ page: number | undefined; text: string }>>()
  for (const block of blocks) {
    if (block.kind !== 'footnote' || !block.marker) continue
    const text = joinSegments(block.text.split('\n').map((line) => ({ text: line.trim(), offsets: [0] }))).text
    notes.set(block.marker, [...(notes.get(block.marker) ?? []), { page: block.page, text }])
  }
  return notes
}

function label(passage: RawPassage): string {
  if (passage.type === 'paragraph') return String(passage.number)
  if (passage.type === 'recommendation') return `Recommandation ${passage.number}`
  return ''
}

/**
 * Ids: `p36`, `r7`, `u3` (third unnumbered passage). A label that repeats with different text (a
 * numbering slip) gets `-2`, `-3`… in document order, so every id stays stable and unique.
 */
class PassageIds {
  private readonly seen = new Map<string, number>()
  private unnumbered = 0

  constructor(private readonly docId: string) {}

  next(passage: RawPassage): string {
    const base = passage.type === 'unnumbered' ? `u${++this.unnumbered}` : `${passage.type === 'paragraph' ? 'p' : 'r'}${passage.number}`
    const count = (this.seen.get(base) ?? 0) + 1
    this.seen.set(base, count)
    return `${this.docId}.${base}${count > 1 ? `-${count}` : ''}`
  }
}

/**
 * OCR page overlaps print a paragraph twice (002 has ¶47 twice, the second copy split by a page break
 * and a footnote). A numbered passage whose number and words repeat an earlier one is dropped; the
 * first copy is kept.
 */
function dropRepeatedParagraphs(passages: RawPassage[]): RawPassage[] {
  const kept: RawPassage[] = []
  for (const passage of passages) {
    const repeat = passage.type !== 'unnumbered' && kept.some((earlier) => earlier.type === passage.type && earlier.number === passage.number && similarity(earlier.text, passage.text) >= REPEAT_SIMILARITY)
    if (!repeat) kept.push(passage)
  }
  return kept
}

/** Shared words over the longer text's word count (multiset overlap), from 0 to 1. */
function similarity(a: string, b: string): number {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  const left = words(a)
  const right = words(b)
  const counts = new Map<string, number>()
  for (const word of left) counts.set(word, (counts.get(word) ?? 0) + 1)
  let shared = 0
  for (const word of right) {
    const count = counts.get(word) ?? 0
    if (count > 0) {
      shared++
      counts.set(word, count - 1)
    }
  }
  return shared / Math.max(left.length, right.length, 1)
}
