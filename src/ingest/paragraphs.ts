// Source lines → front matter, section headings and passages: paragraphs found by their numbers in sequence.

import type { SourceLine } from './clean.js'
import { collapseSpaces, joinSegments, vocabularyOf, type Segment } from './join.js'

/** A passage before ids and kinds are given: what the page shows, where it is. */
export interface RawPassage {
  type: 'paragraph' | 'recommendation' | 'unnumbered'
  /** The paragraph or recommendation number, null for an unnumbered passage. */
  number: number | null
  section: string[]
  text: string
  start: number
  end: number
  /** Pages of its lines, first to last; empty when the format has no pages. */
  pages: number[]
  /** Footnote markers its lines call, in order. */
  noteRefs: string[]
}

export interface DocumentStructure {
  /** Lines before the first heading or paragraph: the cover page and title, for the metadata. */
  frontMatter: SourceLine[]
  passages: RawPassage[]
}

interface Heading {
  text: string
  level: number
  /** Unnumbered (or numbered out of the paragraph sequence): its depth is inferred, not written. */
  minor: boolean
}

/** A text line with what surrounds it. */
interface Item {
  line: SourceLine
  text: string
  /** A blank line, page furniture or a page-start indent comes before it. */
  gapBefore: boolean
}

/**
 * Top-level parts of a UN report, recognised even when OCR lost their roman numeral
 * (000 writes `Organisation de la réunion` bare).
 */
const TOP_LEVEL_TITLES = /^(?:Introduction|Recommandations|Résumé des délibérations|Organisation de la réunion|Adoption du rapport|Conclusions?|Annexes?|Liste des documents)\b/
/** An annex listing documents is an OCR'd table with interleaved columns: nothing in it is quotable. */
const TABLE_TITLES = /^Liste des documents\b/

const PARAGRAPH = /^(\d{1,3})([.,])(?:\s+(.*))?$/
/** A roman numeral as OCR writes it: `II.`, `Il.`, `I1.` (at least one real letter, so `11.` stays a number). */
const ROMAN = /^([IVXl1|]{1,5})\.(?:\s+(.*))?$/
const LETTER = /^([A-H])\.(?:\s+(.*))?$/
const RECOMMENDATION = /^Recommandation\s+(\d{1,3})$/
const TERMINAL = /[.;:!?»)]$/
const STARTS_UPPER = /^[\p{Lu}«“"(]/u
const STARTS_LOWER = /^\p{Ll}/u
/** A heading wraps over at most this many lines; an unnumbered heading has at most this many words. */
const HEADING_MAX_LINES = 4
const HEADING_MAX_WORDS = 20
/** At most this many unnumbered headings stack up before a paragraph. */
const MAX_HEADING_RUN = 3
/** A paragraph number may skip this many numbers (OCR lost one) when everything else says "new paragraph". */
const MAX_NUMBER_GAP = 3

/** Reads the structure of a document from its cleaned lines. */
export function readStructure(lines: SourceLine[]): DocumentStructure {
  return new StructureReader(toItems(lines), vocabularyOf(lines.filter((line) => !line.furniture).map((line) => line.text))).read()
}

function toItems(lines: SourceLine[]): Item[] {
  const items: Item[] = []
  let gap = true
  for (const line of lines) {
    if (line.furniture || line.text === '') {
      gap = true
      continue
    }
    items.push({ line, text: collapseSpaces(line.text), gapBefore: gap || line.indent > 0 })
    gap = false
  }
  return items
}

class StructureReader {
  private readonly frontMatter: SourceLine[] = []
  private readonly passages: RawPassage[] = []
  private stack: Heading[] = []
  private open: { type: RawPassage['type']; number: number | null; section: string[]; segments: Segment[]; lines: SourceLine[] } | null = null
  private inFrontMatter = true
  private inTable = false
  private lastParagraph = 0
  private lastRoman = 0
  private lastLetter = -1
  /** The previous structural item was a minor heading: the next minor heading nests under it. */
  private afterMinorHeading: Heading | null = null

  constructor(
    private readonly items: Item[],
    private readonly vocabulary: Set<string>,
  ) {}

  read(): DocumentStructure {
    let i = 0
    while (i < this.items.length) i = this.step(i)
    this.close()
    return { frontMatter: this.frontMatter, passages: this.passages }
  }

  /** Handles the item at `i`; returns the index of the next unhandled item. */
  private step(i: number): number {
    const item = this.items[i]!
    const roman = this.romanAt(i)
    if (roman) return this.heading(roman.text, 1, false, roman.next, () => (this.lastRoman = roman.value))
    if (this.inTable) return i + 1
    const letter = this.letterAt(i)
    if (letter) return this.heading(letter.text, 2, false, letter.next, () => (this.lastLetter = letter.index))
    const recommendation = RECOMMENDATION.exec(item.text)
    if (recommendation) {
      this.startPassage('recommendation', Number(recommendation[1]), [], item.line)
      return i + 1
    }
    const paragraph = this.paragraphAt(i)
    if (paragraph) {
      this.lastParagraph = paragraph.number
      this.startPassage('paragraph', paragraph.number, [paragraph.rest], item.line)
      return i + 1
    }
    const minor = this.minorHeadingAt(i, 0)
    if (minor?.topLevel) return this.heading(minor.text, 1, false, minor.next, () => (this.inTable = TABLE_TITLES.test(minor.text)))
    if (minor && !this.inFrontMatter) return this.heading(minor.text, this.minorLevel(), true, minor.next)
    this.text(item)
    return i + 1
  }

  private heading(text: string, level: number, minor: boolean, next: number, onAccept?: () => void): number {
    this.close()
    this.inFrontMatter = false
    if (level === 1) {
      this.lastLetter = -1
      this.inTable = false
    }
    onAccept?.()
    const heading = { text, level, minor }
    this.stack = [...this.stack.filter((h) => h.level < level), heading]
    this.afterMinorHeading = minor ? heading : null
    return next
  }

  /** A minor heading nests under the minor heading just before it, else under the innermost numbered one. */
  private minorLevel(): number {
    if (this.afterMinorHeading) return this.afterMinorHeading.level + 1
    const numbered = this.stack.filter((h) => !h.minor)
    return (numbered[numbered.length - 1]?.level ?? 0) + 1
  }

  private startPassage(type: RawPassage['type'], number: number | null, segments: Segment[], line: SourceLine): void {
    this.close()
    this.inFrontMatter = false
    this.afterMinorHeading = null
    this.open = { type, number, section: this.stack.map((h) => h.text), segments, lines: [line] }
  }

  private text(item: Item): void {
    const segment = { text: item.line.text, offsets: item.line.offsets }
    if (this.open) {
      this.open.segments.push(segment)
      this.open.lines.push(item.line)
    } else if (this.inFrontMatter) this.frontMatter.push(item.line)
    else this.startPassage('unnumbered', null, [segment], item.line)
  }

  private close(): void {
    if (!this.open) return
    const joined = joinSegments(this.open.segments, this.vocabulary)
    const { lines } = this.open
    const pages = [...new Set(lines.flatMap((line) => (line.page === undefined ? [] : [line.page])))].sort((a, b) => a - b)
    const noteRefs = lines.flatMap((line) => line.noteRefs ?? [])
    if (joined.text) this.passages.push({ type: this.open.type, number: this.open.number, section: this.open.section, ...joined, pages, noteRefs })
    this.open = null
  }

  /** True when what came before ends a sentence or a section: a new block may start here. */
  private atBoundary(): boolean {
    if (!this.open) return true
    const last = this.open.segments[this.open.segments.length - 1]
    return !last || TERMINAL.test(last.text)
  }

  /**
   * A numbered line opens a paragraph when its number comes next (previous + 1; `44,` for `44.` too).
   * Otherwise it is a date, an amount or an agenda item inside the paragraph (`2012 et …`, `4 000`,
   * `1. Questions d'organisation`), unless everything else says "new paragraph": a gap before it, the
   * previous text ended a sentence, a capital after it — then a repeated number (an OCR page overlap)
   * or a small skip (a number OCR lost) opens one too.
   */
  private paragraphAt(i: number): { number: number; rest: Segment } | null {
    const item = this.items[i]!
    const match = PARAGRAPH.exec(item.line.text)
    if (!match || !this.acceptsNumber(Number(match[1]), match[2]!, match[3] ?? '', item)) return null
    return { number: Number(match[1]), rest: rest(item.line, match[3] ?? '') }
  }

  private acceptsNumber(n: number, separator: string, after: string, item: Item): boolean {
    const strong = item.gapBefore && this.atBoundary() && (after === '' || STARTS_UPPER.test(after))
    if (n === this.lastParagraph + 1) return separator === '.' || strong
    if (separator !== '.' || !strong) return false
    if (this.lastParagraph === 0) return true
    return n === this.lastParagraph || (n > this.lastParagraph && n <= this.lastParagraph + MAX_NUMBER_GAP)
  }

  private romanAt(i: number): { text: string; value: number; next: number } | null {
    const item = this.items[i]!
    const match = ROMAN.exec(item.text)
    if (!match || !/[IVXl]/.test(match[1]!)) return null
    const value = romanValue(match[1]!.replace(/[l1|]/g, 'I'))
    if (value === null || value <= this.lastRoman) return null
    if (!item.gapBefore && !this.atBoundary()) return null
    const heading = this.numberedHeading(i, match[1]!, match[2] ?? '')
    return heading && { ...heading, value }
  }

  private letterAt(i: number): { text: string; index: number; next: number } | null {
    const item = this.items[i]!
    const match = LETTER.exec(item.text)
    if (!match) return null
    const index = match[1]!.charCodeAt(0) - 'A'.charCodeAt(0)
    if (index <= this.lastLetter) return null
    if (!item.gapBefore && !this.atBoundary()) return null
    const heading = this.numberedHeading(i, match[1]!, match[2] ?? '')
    return heading && { ...heading, index }
  }

  /** `B.` + title, where the title may sit on the next line (`B.\n\nProtection et assistance`) and wrap. */
  private numberedHeading(i: number, marker: string, title: string): { text: string; next: number } | null {
    let next = i + 1
    let words = title
    if (words === '') {
      const titleLine = this.items[next]
      if (!titleLine || !STARTS_UPPER.test(titleLine.text) || PARAGRAPH.test(titleLine.text)) return null
      words = titleLine.text
      next++
    } else if (!STARTS_UPPER.test(words)) {
      return null
    }
    const wrapped = this.headingLines(next, words, this.items[i]!.line.markdownHeading > 0)
    return { text: `${marker}. ${wrapped.text}`, next: wrapped.next }
  }

  /** Continues a heading over following lines that start in lower case (`… à la\nsensibilisation`). */
  private headingLines(from: number, first: string, markdown: boolean): { text: string; next: number; lines: number } {
    const parts = [first]
    let next = from
    while (!markdown && parts.length < HEADING_MAX_LINES && next < this.items.length) {
      const line = this.items[next]!
      if (TERMINAL.test(parts[parts.length - 1]!) || !STARTS_LOWER.test(line.text) || line.line.markdownHeading > 0) break
      parts.push(line.text)
      next++
    }
    const text = joinSegments(parts.map((text) => ({ text, offsets: [0] }))).text
    return { text, next, lines: parts.length }
  }

  /**
   * An unnumbered heading (`Appui aux mécanismes intergouvernementaux`), or a subheading numbered out
   * of the paragraph sequence (002's `3. Elaboration d'outils…`): a short line or two after a gap and a
   * finished sentence, in capitals, with no closing punctuation, followed by a paragraph, a heading, or
   * another such heading. A top-level title (`Organisation de la réunion`) needs no such follower.
   */
  private minorHeadingAt(i: number, depth: number): { text: string; next: number; topLevel: boolean } | null {
    const item = this.items[i]
    if (!item || !item.gapBefore || (depth === 0 && !this.atBoundary())) return null
    if (RECOMMENDATION.test(item.text) || ROMAN.test(item.text) || LETTER.test(item.text)) return null
    const numbered = PARAGRAPH.exec(item.text)
    const first = numbered ? (numbered[2] === '.' ? numbered[3] ?? '' : '') : item.text
    if (!STARTS_UPPER.test(first)) return null
    const markdown = item.line.markdownHeading > 0
    const wrapped = this.headingLines(i + 1, item.text, markdown)
    const title = numbered ? wrapped.text.slice(numbered[1]!.length + 2) : wrapped.text
    if (/[.;:,!?]$/.test(wrapped.text) || title.split(' ').length > HEADING_MAX_WORDS) return null
    const topLevel = !numbered && TOP_LEVEL_TITLES.test(title)
    if (markdown || topLevel || this.opensBlock(wrapped.next, depth)) return { text: wrapped.text, next: wrapped.next, topLevel }
    return null
  }

  /** True when the item at `i` starts a paragraph, a recommendation, a heading or another minor heading. */
  private opensBlock(i: number, depth: number): boolean {
    const item = this.items[i]
    if (!item) return false
    if (RECOMMENDATION.test(item.text) || item.line.markdownHeading > 0) return true
    const numbered = PARAGRAPH.exec(item.text)
    if (numbered) {
      const n = Number(numbered[1])
      if (numbered[2] === '.' && (n === this.lastParagraph + 1 || (n > this.lastParagraph && n <= this.lastParagraph + MAX_NUMBER_GAP))) return true
    }
    const roman = ROMAN.exec(item.text)
    if (roman && /[IVXl]/.test(roman[1]!)) return true
    if (LETTER.test(item.text)) return true
    return depth < MAX_HEADING_RUN && this.minorHeadingAt(i, depth + 1) !== null
  }
}

/** The rest of a line after its paragraph number, with its offsets. */
function rest(line: SourceLine, after: string): Segment {
  const from = after === '' ? line.text.length : line.text.length - after.length
  return { text: line.text.slice(from), offsets: line.offsets.slice(from) }
}

function romanValue(numeral: string): number | null {
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 }
  let total = 0
  for (let i = 0; i < numeral.length; i++) {
    const value = values[numeral[i]!]
    const next = values[numeral[i + 1] ?? '']
    if (value === undefined) return null
    total += next !== undefined && next > value ? -value : value
  }
  return total > 0 && total <= 20 ? total : null
}
