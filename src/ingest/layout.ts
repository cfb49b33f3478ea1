// The layout pass of the PDF reader: positioned text items → blocks. Pure: items in, blocks out.
// Lines by baseline, superscript footnote calls taken out of the words, running headers and footers, footnotes
// at the page foot, two-column stretches read left column then right, paragraphs by spacing, numbers set apart.

import type { Block } from './blocks.js'
import { SYMBOL_LINE } from './clean.js'

/** One text item as pdf.js places it: baseline origin, advance width, font size, and whether the font is bold. */
export interface TextItem {
  text: string
  x: number
  y: number
  width: number
  size: number
  bold: boolean
}

export interface PageText {
  /** Physical page number, from 1. */
  page: number
  width: number
  height: number
  items: TextItem[]
}

interface Line {
  items: TextItem[]
  y: number
  x0: number
  x1: number
  size: number
  /** Footnote markers called by superscripts on this line (with their x), taken out of its text. */
  noteRefs: Array<{ marker: string; x: number }>
  /** A footnote's own marker, when the line opens a footnote. */
  marker?: string
}

/** Top and bottom bands where running headers and footers sit, as a share of the page height. */
const MARGIN_BAND = 0.09
/** A superscript is smaller than this share of its line's size. */
const SUPERSCRIPT = 0.8
const NOTE_MARKER = /^[\d∗*†‡]{1,3}$/
const NUMBER_LABEL = /^\d{1,3}\.$/
/** Footers: `V.15-06043 9`, `9`, `9/14`, `V.15-06043 (F) 100815 110815`. */
const PRINTED_PAGE = /^(?:[A-Z]\.\d{2}-\d{5}\s+)?(\d{1,4})(?:\s*\/\s*\d{1,4})?$/

/** The body font size of a document: the size most characters are set in. */
export function bodySize(pages: PageText[]): number {
  const counts = new Map<number, number>()
  for (const page of pages) for (const item of page.items) {
    const size = Math.round(item.size * 2) / 2
    counts.set(size, (counts.get(size) ?? 0) + item.text.trim().length)
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10
}

/**
 * Lays out one page. Returns its blocks in reading order and the page number printed in its footer (or header),
 * when there is one. `repeated` holds texts (digits folded) seen in the margins of many pages: furniture too.
 */
export function layoutPage(page: PageText, body: number, repeated: Set<string>): { blocks: Block[]; printedPage: number | null } {
  const lines = toLines(page.items.filter((item) => item.text.trim() !== ''))
  const furniture: Line[] = []
  const content: Line[] = []
  for (const line of lines) {
    const inMargin = line.y > page.height * (1 - MARGIN_BAND) || line.y < page.height * MARGIN_BAND
    const text = lineText(line)
    const coverSymbol = page.page === 1 && line.y > page.height * 0.75 && SYMBOL_LINE.test(text)
    if (inMargin || coverSymbol || repeated.has(foldDigits(text))) furniture.push(line)
    else content.push(line)
  }
  const { text: bodyLines, notes } = splitFootnotes(content, body)
  const blocks: Block[] = furniture.map((line) => ({ kind: 'furniture', page: page.page, text: lineText(line) }))
  blocks.push(...paragraphs(readingOrder(bodyLines, page.width), body, page.page))
  blocks.push(...footnoteBlocks(notes, page.page))
  return { blocks, printedPage: printedPageOf(blocks) }
}

/** The page number printed in a page's furniture (`V.15-06043 9`, `9`, `9/14`), or null when none is. */
export function printedPageOf(blocks: Block[]): number | null {
  for (const block of blocks) {
    const number = block.kind === 'furniture' ? PRINTED_PAGE.exec(block.text.replace(/\s+/g, ' ').trim())?.[1] : undefined
    if (number !== undefined) return Number(number)
  }
  return null
}

/** Texts in the top or bottom band of at least half the pages (of three or more), digits folded: running headers. */
export function repeatedMarginTexts(pages: PageText[]): Set<string> {
  const counts = new Map<string, number>()
  for (const page of pages) {
    const seen = new Set<string>()
    for (const line of toLines(page.items.filter((item) => item.text.trim() !== ''))) {
      if (line.y < page.height * 0.85 && line.y > page.height * 0.15) continue
      seen.add(foldDigits(lineText(line)))
    }
    for (const text of seen) counts.set(text, (counts.get(text) ?? 0) + 1)
  }
  const repeated = new Set<string>()
  if (pages.length >= 3) for (const [text, count] of counts) if (count >= pages.length / 2 && text.length < 80) repeated.add(text)
  return repeated
}

const foldDigits = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim()

/** Items → lines by baseline; a smaller item raised above a line's baseline is a superscript on that line. */
function toLines(items: TextItem[]): Line[] {
  const sorted = [...items].sort((a, b) => b.size - a.size || b.y - a.y)
  const lines: Line[] = []
  for (const item of sorted) {
    const tolerance = 0.3 * item.size
    let line = lines.find((l) => Math.abs(l.y - item.y) <= tolerance && Math.abs(l.size - item.size) < 0.2 * l.size)
    if (!line) {
      line = lines.find((l) => item.size < SUPERSCRIPT * l.size && item.y > l.y && item.y - l.y < 0.8 * l.size && item.x >= l.x0 - l.size && item.x <= l.x1 + l.size)
      if (line) {
        addSuperscript(line, item)
        continue
      }
      line = { items: [], y: item.y, x0: item.x, x1: item.x + item.width, size: item.size, noteRefs: [] }
      lines.push(line)
    }
    line.items.push(item)
    line.x0 = Math.min(line.x0, item.x)
    line.x1 = Math.max(line.x1, item.x + item.width)
  }
  for (const line of lines) line.items.sort((a, b) => a.x - b.x)
  return lines.sort((a, b) => b.y - a.y || a.x0 - b.x0)
}

/** A footnote call is taken out of the text (never `migrants2.`); other superscripts (`1er`) stay in the word. */
function addSuperscript(line: Line, item: TextItem): void {
  const text = item.text.trim()
  if (!NOTE_MARKER.test(text)) {
    line.items.push({ ...item, y: line.y, size: line.size })
    return
  }
  if (item.x <= line.x0 + 0.5 * line.size) {
    line.marker = text
    return
  }
  line.noteRefs.push({ marker: text, x: item.x })
  // The word before the call now reaches over it, so no space opens where the call was (`migrants.`, not `migrants .`).
  const before = line.items.filter((other) => other.x < item.x).sort((a, b) => b.x - a.x)[0]
  if (before) before.width = Math.max(before.width, item.x + item.width - before.x)
}

/** A line's text: items in x order, a space where the gap between two items is wider than a thin space. */
function lineText(line: Line): string {
  let text = ''
  let end = -Infinity
  for (const item of line.items) {
    if (text !== '' && item.x - end > 0.15 * line.size && !/\s$/.test(text) && !/^\s/.test(item.text)) text += ' '
    text += item.text
    end = item.x + item.width
  }
  // Justified text may leave a space before an end-of-line hyphen (`natio -`).
  return text.replace(/\s+/g, ' ').replace(/(\p{L}) -$/u, '$1-').trim()
}

/** Footnotes sit below the text, set smaller: from the first small line that opens with a marker to the page foot. */
function splitFootnotes(lines: Line[], body: number): { text: Line[]; notes: Line[] } {
  const first = lines.findIndex((line, i) => line.size < 0.92 * body && (line.marker !== undefined || /^[\d∗*†‡]{1,3}\s/.test(lineText(line))) && lines.slice(i).every((l) => l.size < 0.92 * body))
  if (first === -1) return { text: lines, notes: [] }
  return { text: lines.slice(0, first), notes: lines.slice(first) }
}

function footnoteBlocks(lines: Line[], page: number): Block[] {
  const blocks: Block[] = []
  for (const line of lines) {
    let text = lineText(line)
    let marker = line.marker
    const inline = marker === undefined ? /^([\d∗*†‡]{1,3})\s+(.*)$/.exec(text) : null
    if (inline) {
      marker = inline[1]
      text = inline[2]!
    }
    if (marker !== undefined || blocks.length === 0) blocks.push({ kind: 'footnote', page, text, ...(marker !== undefined ? { marker } : {}) })
    else blocks[blocks.length - 1]!.text += `\n${text}`
  }
  return blocks
}

/**
 * Reading order: a stretch of lines split by a vertical gutter (text on both sides, nothing across it) is two
 * columns, read left then right; lines above and below it keep their order.
 */
function readingOrder(lines: Line[], width: number): Line[] {
  const gutter = findGutter(lines, width)
  if (gutter === null) return lines
  const crosses = (line: Line) => line.items.some((item) => item.text.trim() !== '' && item.x < gutter && item.x + item.width > gutter)
  const splits = lines.map((line) => !crosses(line))
  const two = lines.map((line, i) => splits[i] && line.items.some((it) => it.x + it.width <= gutter) && line.items.some((it) => it.x >= gutter))
  const firstTwo = two.indexOf(true)
  const lastTwo = two.lastIndexOf(true)
  let start = firstTwo
  while (start > 0 && splits[start - 1]) start--
  let end = lastTwo
  while (end < lines.length - 1 && splits[end + 1]) end++
  const left: Line[] = []
  const right: Line[] = []
  for (const line of lines.slice(start, end + 1)) {
    const l = line.items.filter((item) => item.x + item.width <= gutter)
    const r = line.items.filter((item) => item.x >= gutter)
    if (l.length > 0) left.push(subLine(line, l))
    if (r.length > 0) right.push(subLine(line, r))
  }
  return [...lines.slice(0, start), ...left, ...right, ...lines.slice(end + 1)]
}

function subLine(line: Line, items: TextItem[]): Line {
  const x0 = Math.min(...items.map((item) => item.x))
  const x1 = Math.max(...items.map((item) => item.x + item.width))
  return { ...line, items, x0, x1, noteRefs: line.noteRefs.filter((ref) => ref.x >= x0 && ref.x <= x1 + line.size) }
}

/** The x of a gutter between the middle 30–70 % of the page that at least three lines have text on both sides of. */
function findGutter(lines: Line[], width: number): number | null {
  let best: { x: number; count: number } | null = null
  for (let x = width * 0.3; x <= width * 0.7; x += 2) {
    let count = 0
    for (const line of lines) {
      const items = line.items.filter((item) => item.text.trim() !== '')
      if (items.some((item) => item.x < x && item.x + item.width > x)) continue
      if (items.some((item) => item.x + item.width <= x - 6) && items.some((item) => item.x >= x + 6)) count++
    }
    if (count >= 3 && (!best || count > best.count)) best = { x, count }
  }
  return best?.x ?? null
}

/**
 * Lines → paragraph blocks: a new block where the gap above a line is wider than the usual line spacing, where
 * the size or weight changes (a heading), or where a line opens with a number set apart from its text.
 */
function paragraphs(lines: Line[], body: number, page: number): Block[] {
  const blocks: Block[] = []
  let previous: Line | null = null
  let current: { block: Block; bold: boolean } | null = null
  for (const line of lines) {
    const bold = line.items.every((item) => item.bold || item.text.trim() === '')
    const heading = bold || line.size > 1.1 * body
    const label = numberApart(line)
    const gap = previous ? previous.y - line.y : Infinity
    const lineGap = 1.45 * Math.max(line.size, previous?.size ?? 0)
    const startsNew = !current || gap > lineGap || gap < 0 || label !== null || heading !== (current.block.kind === 'heading') || (heading && bold !== current.bold)
    const text = label ? lineText({ ...line, items: label.rest }) : lineText(line)
    if (startsNew) {
      current = { block: { kind: heading ? 'heading' : 'paragraph', page, text, lineNoteRefs: [line.noteRefs.map((ref) => ref.marker)] }, bold }
      if (label) current.block.label = label.label
      blocks.push(current.block)
    } else {
      current!.block.text += `\n${text}`
      current!.block.lineNoteRefs!.push(line.noteRefs.map((ref) => ref.marker))
    }
    previous = line
  }
  return blocks
}

/** `82.` followed by a gap before the text: Word's or LibreOffice's automatic number, set in its own column. */
function numberApart(line: Line): { label: string; rest: TextItem[] } | null {
  const [first, ...rest] = line.items
  if (!first || !NUMBER_LABEL.test(first.text.trim())) return null
  const next = rest.find((item) => item.text.trim() !== '')
  if (!next || next.x - (first.x + first.width) < 0.5 * line.size) return null
  return { label: first.text.trim(), rest: rest.filter((item) => item.text.trim() !== '' || item.x > first.x) }
}

