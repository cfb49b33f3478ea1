// One seed document → its metadata and its citable passages. Pure: the text in, plain data out.

import { createHash } from 'node:crypto'
import type { DocumentMeta, Passage } from '../types.js'
import type { CatalogueEntry } from './catalogue.js'
import { isMarkdown, sourceLines } from './clean.js'
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
  const lines = sourceLines(raw, isMarkdown(file, raw))
  const structure = readStructure(lines)
  const sha256 = createHash('sha256').update(raw, 'utf8').digest('hex')
  const document = documentMeta(file, sha256, readStatedMetadata(lines, structure.frontMatter), catalogueEntry)
  const ids = new PassageIds(document.id)
  const passages = dropRepeatedParagraphs(structure.passages).map(
    (passage, order): Passage => ({
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
    }),
  )
  return { document, passages }
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
