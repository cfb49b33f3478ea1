// The one document model every laid-out format is read into (PDF, Word, OCR): ordered blocks with their page
// and kind, turned into the source lines that the one paragraph/section/citation logic reads.

import type { SourceLine } from './clean.js'
import { joinSegments } from './join.js'

/** What a block is on the page. Footnotes and furniture (running headers, footers, page numbers) are never passage text. */
export type BlockKind = 'heading' | 'paragraph' | 'footnote' | 'furniture'

export interface Block {
  kind: BlockKind
  /** Page the block starts on, from 1; absent when the format has no pages. */
  page?: number
  /** The text as laid out: one `\n` per printed line, so end-of-line hyphens are rejoined by the shared join. */
  text: string
  /** Page of each line of `text` when the block runs over a page break (same length as its lines). */
  linePages?: number[]
  /**
   * The paragraph's label when the format states it apart from the text: a PDF number set in its own
   * column, Word's automatic number (`36.`, `Recommandation 7`). Absent when the number, if any, is in `text`.
   */
  label?: string
  /** A footnote's marker (`10`, `*`). */
  marker?: string
  /** Markers of the footnotes the block calls, in order of the lines that call them (see `lineNoteRefs`). */
  lineNoteRefs?: Array<string[] | undefined>
}

/** What a reader gives back: the blocks, and what the file says about itself outside its text. */
export interface ReadDocument {
  blocks: Block[]
  /** Number of pages, when the format has pages. */
  pages?: number
  /** Pages read by OCR (from 1). */
  ocrPages?: number[]
}

/** A heading's printed lines, each wrapped line joined to the one before; a line opening with a capital is a heading of its own. */
function headingLines(printed: string[]): string[] {
  const headings: string[][] = []
  for (const line of printed) {
    if (line === '') continue
    const last = headings[headings.length - 1]
    if (last && !/^\p{Lu}/u.test(line)) last.push(line)
    else headings.push([line])
  }
  return headings.map((lines) => joinSegments(lines.map((text) => ({ text, offsets: [0] }))).text)
}

/** A label that heads its paragraph's first line (`36.`); any other (`Recommandation 7`) stands on its own line. */
const INLINE_LABEL = /^\d{1,3}\.$/

/**
 * Blocks → the source text the structure reader reads, and its lines. Blocks are separated by a blank line;
 * a heading is one line (its printed lines joined); a label goes before its text; footnotes and furniture
 * are marked as such, so they are never in a passage but still seen by the metadata (the running-header
 * symbol). Offsets index into the returned `raw`.
 */
export function blocksToLines(blocks: Block[]): { raw: string; lines: SourceLine[] } {
  const lines: SourceLine[] = []
  let raw = ''
  const push = (text: string, block: Block, page: number | undefined, noteRefs: string[] | undefined) => {
    if (lines.length > 0) {
      raw += '\n'
    }
    const start = raw.length
    raw += text
    const line: SourceLine = {
      n: lines.length,
      text,
      offsets: Array.from({ length: text.length }, (_, i) => start + i),
      indent: 0,
      markdownHeading: block.kind === 'heading' ? 1 : 0,
      furniture: block.kind === 'footnote' ? 'footnote' : block.kind === 'furniture' ? 'running-header' : null,
    }
    if (page !== undefined) line.page = page
    if (noteRefs && noteRefs.length > 0) line.noteRefs = noteRefs
    lines.push(line)
  }
  const blank = (block: Block) => push('', block, undefined, undefined)
  for (const block of blocks) {
    const printed = block.text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim())
    if (printed.every((line) => line === '') && !block.label) continue
    if (lines.length > 0) blank(block)
    if (block.kind === 'heading') {
      for (const [i, text] of headingLines(printed).entries()) push(i === 0 && block.label ? `${block.label} ${text}` : text, block, block.page, i === 0 ? block.lineNoteRefs?.flatMap((refs) => refs ?? []) : undefined)
      continue
    }
    let first = 0
    if (block.label && !INLINE_LABEL.test(block.label)) push(block.label, block, block.page, undefined)
    else if (block.label) {
      push(`${block.label} ${printed[0]}`, block, block.linePages?.[0] ?? block.page, block.lineNoteRefs?.[0])
      first = 1
    }
    for (let i = first; i < printed.length; i++) {
      if (printed[i] === '') continue
      push(printed[i]!, block, block.linePages?.[i] ?? block.page, block.lineNoteRefs?.[i])
    }
  }
  return { raw, lines }
}
