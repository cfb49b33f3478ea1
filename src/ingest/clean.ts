// Raw file → source lines: Markdown syntax stripped, page furniture (running headers, rules, URLs, footnotes) marked.

/** Why a line is not text: it is page furniture, kept out of every passage. */
export type Furniture = 'running-header' | 'page-counter' | 'rule' | 'url' | 'footnote'

export interface SourceLine {
  /** Line number in the file, from 0. */
  n: number
  /** The line without surrounding whitespace and, in a Markdown seed, without Markdown syntax. */
  text: string
  /** Offset in the raw file of each UTF-16 unit of `text`. */
  offsets: number[]
  /** Leading whitespace of the raw line. */
  indent: number
  /** `#` count of a Markdown heading line, 0 otherwise. */
  markdownHeading: number
  furniture: Furniture | null
  /** Page the line is printed on (from 1), when the format has pages. */
  page?: number
  /** Markers of the footnotes the line calls (kept out of its text), in order. */
  noteRefs?: string[]
}

/** A UN document symbol standing alone, e.g. `CTOC/COP/WG.7/2015/5`, `CTOC/COP/2022/3`. */
export const SYMBOL_LINE = /^[A-Z]{2,}(?:\/[A-Za-z0-9.]+){2,}$/
/** A job number with an optional page number, e.g. `V.15-06043 9`, `V.22-10857 5/14`. */
const JOB_NUMBER = /^[A-Z]\.\d{2}-\d{5}(?:\s+\d{1,3}(?:\s*\/\s*\d{1,3})?)?$/
const PAGE_COUNTER = /^\d{1,3}\s*\/\s*\d{1,3}$/
/** Footnote rules (`_____`) and Markdown thematic breaks, including a stray lone `-`. */
const RULE = /^(?:_{5,}|[-*_](?:\s*[-*_])*)$/
const URL_LINE = /^(?:https?:\/\/|www\.)\S+$/
/** A footnote opening after a rule: `∗ CTOC/…`, `1  www…` (number then two spaces), `! Toute mention…`. */
const NOTE_AFTER_RULE = /^(?:[∗*†‡!¹²³⁴⁵⁶⁷⁸⁹]\s*\S|\d{1,2}(?:\s{2,}|\t)\S)/
/** A footnote opening without a rule: an OCR'd superscript marker that no French sentence starts with. */
const NOTE_MARKER = /^[!∗†‡¹²³⁴⁵⁶⁷⁸⁹]\s+\S/
/** A footnote marker alone on its line, as OCR renders a superscript: `!`, `∗`, `IN)`. */
const NOTE_MARKER_ALONE = /^(?:[!∗*†‡¹²³⁴⁵⁶⁷⁸⁹]|[A-Z]{1,3}\))$/
/** A footnote body is short; past this many lines it is text, not a note. */
const NOTE_MAX_LINES = 4
/** A header symbol is furniture when a job number or page counter is this close (in non-blank lines). */
const HEADER_REACH = 3

/** True when the seed is Markdown (the scaffold's 004 is a `.txt` written in Markdown). */
export function isMarkdown(file: string, raw: string): boolean {
  return /\.md$/i.test(file) || /^#{1,6}[ \t]+\S/m.test(raw)
}

/** Splits the raw text into lines, strips Markdown when asked, and marks the furniture. */
export function sourceLines(raw: string, markdown: boolean): SourceLine[] {
  const lines: SourceLine[] = []
  let start = 0
  let n = 0
  while (start <= raw.length) {
    const newline = raw.indexOf('\n', start)
    const stop = newline === -1 ? raw.length : newline
    const end = stop > start && raw[stop - 1] === '\r' ? stop - 1 : stop
    lines.push(readLine(raw, start, end, n++, markdown))
    if (newline === -1) break
    start = newline + 1
  }
  markFurniture(lines)
  return lines
}

function readLine(raw: string, start: number, end: number, n: number, markdown: boolean): SourceLine {
  let from = start
  while (from < end && isSpace(raw[from]!)) from++
  const indent = from - start
  let markdownHeading = 0
  if (markdown) {
    const hashes = /^(#{1,6})[ \t]+/.exec(raw.slice(from, end))
    if (hashes) {
      markdownHeading = hashes[1]!.length
      from += hashes[0].length
    } else {
      const bullet = /^(?:[-+]|\*(?!\*))[ \t]+(?=\S)/.exec(raw.slice(from, end))
      if (bullet) from += bullet[0].length
    }
  }
  let text = ''
  const offsets: number[] = []
  for (let i = from; i < end; i++) {
    const ch = raw[i]!
    // Markdown emphasis only wraps text; the words themselves are kept.
    if (markdown && ch === '*') continue
    text += ch
    offsets.push(i)
  }
  let keep = text.length
  while (keep > 0 && isSpace(text[keep - 1]!)) keep--
  let lead = 0
  while (lead < keep && isSpace(text[lead]!)) lead++
  return { n, text: text.slice(lead, keep), offsets: offsets.slice(lead, keep), indent, markdownHeading, furniture: null }
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00a0' || ch === '\f' || ch === '\v'
}

function markFurniture(lines: SourceLine[]): void {
  for (const line of lines) {
    if (JOB_NUMBER.test(line.text)) line.furniture = 'running-header'
    else if (PAGE_COUNTER.test(line.text)) line.furniture = 'page-counter'
    else if (RULE.test(line.text)) line.furniture = 'rule'
    else if (URL_LINE.test(line.text)) line.furniture = 'url'
  }
  markHeaderSymbols(lines)
  markFootnotes(lines)
}

/** A symbol alone on a line is a running header when page furniture is near, or when it repeats. */
function markHeaderSymbols(lines: SourceLine[]): void {
  const counts = new Map<string, number>()
  for (const line of lines) if (!line.furniture && SYMBOL_LINE.test(line.text)) counts.set(line.text, (counts.get(line.text) ?? 0) + 1)
  lines.forEach((line, i) => {
    if (line.furniture || !SYMBOL_LINE.test(line.text)) return
    if ((counts.get(line.text) ?? 0) > 1 || nearPageFurniture(lines, i, -1) || nearPageFurniture(lines, i, 1)) line.furniture = 'running-header'
  })
}

function nearPageFurniture(lines: SourceLine[], from: number, step: 1 | -1): boolean {
  let seen = 0
  for (let i = from + step; i >= 0 && i < lines.length && seen < HEADER_REACH; i += step) {
    const line = lines[i]!
    if (line.furniture === 'running-header' || line.furniture === 'page-counter') return true
    if (line.text === '' || line.furniture === 'url') continue
    seen++
  }
  return false
}

/**
 * Footnotes are not paragraph text: a note after a rule, or a note opening with an OCR'd superscript
 * marker after a blank line. Its body runs until it ends with a full stop (a note is a sentence or a
 * reference), for at most a few lines; URL lines after it are furniture already.
 */
function markFootnotes(lines: SourceLine[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.furniture === 'rule') {
      const next = nextContent(lines, i)
      if (next !== -1 && NOTE_AFTER_RULE.test(lines[next]!.text)) i = markNoteBody(lines, next) - 1
      continue
    }
    if (line.furniture || !afterBlank(lines, i)) continue
    if (NOTE_MARKER.test(line.text)) {
      i = markNoteBody(lines, i) - 1
    } else if (NOTE_MARKER_ALONE.test(line.text)) {
      const body = nextContent(lines, i)
      if (body === -1 || /^\d/.test(lines[body]!.text)) continue
      line.furniture = 'footnote'
      i = markNoteBody(lines, body) - 1
    }
  }
}

/** Marks a footnote body from `first`; returns the index after it. */
function markNoteBody(lines: SourceLine[], first: number): number {
  let i = first
  let taken = 0
  while (i < lines.length && taken < NOTE_MAX_LINES) {
    const line = lines[i]!
    if (line.text !== '' && !line.furniture) {
      line.furniture = 'footnote'
      taken++
      if (/\.$/.test(line.text)) return i + 1
    }
    const next = nextContent(lines, i)
    if (next === -1) return lines.length
    i = next
  }
  return i
}

function nextContent(lines: SourceLine[], from: number): number {
  for (let i = from + 1; i < lines.length; i++) if (lines[i]!.text !== '' && lines[i]!.furniture !== 'url') return i
  return -1
}

function afterBlank(lines: SourceLine[], i: number): boolean {
  return i === 0 || lines[i - 1]!.text === '' || lines[i - 1]!.furniture !== null
}
