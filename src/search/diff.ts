// Word-level diff of two wordings of one text, blind to OCR damage: what a drafter would call a change.

import { tokenize, type Token } from '../text/analyzer.js'

/** A change from the older wording to the newer one, in the words as written (newer for inserts, older for deletes). */
export interface WordChange {
  op: 'insert' | 'delete'
  text: string
}

/**
 * The newer wording cut into runs, for showing the diff inline: `equal` and `insert` segments concatenated give
 * the newer text exactly; a `delete` segment holds older words at the place they were removed from.
 */
export interface DiffSegment {
  op: 'equal' | 'insert' | 'delete'
  text: string
}

export interface WordDiff {
  changes: WordChange[]
  segments: DiffSegment[]
}

/**
 * The words of a text as the diff compares them: folded, OCR-repaired, elided article dropped, with source offsets.
 * A lone `&`, the OCR's reading of `à` (2012 ¶32: « visant & prévenir »), is already read as `à` by the scanner.
 */
export function diffTokens(text: string): Token[] {
  return tokenize(text)
}

// Character confusions of the 2012 scan, as folded letters (each seen in seed 000 against its 2015 restatement):
// ç→g (renforgant, soupgonnées), q→g (guestions), ô→d (contrdle), é→c (premicre), l→I (Iégislation, ltalie),
// I→1 (chapter 11 for II). Letter-for-letter confusions count only in words of 4+ letters, where they cannot
// turn one real short word into another (du/ou).
const CONFUSABLE = new Set(['cg', 'gq', 'do', 'ce', 'il', '1l', '1i'])
const MIN_CONFUSABLE_LENGTH = 4

function confusable(a: string, b: string): boolean {
  return CONFUSABLE.has(a < b ? a + b : b + a)
}

/**
 * True when two folded words differ only by OCR damage: the same word, or equal but for at most two confusable
 * letters, or for one spurious letter the scan is known to add (`FEtats` for `États`, `phénomeéne` for `phénomène`).
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true
  if (a.length === b.length) {
    let differences = 0
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue
      const digit = /\d/.test(a[i]!) || /\d/.test(b[i]!)
      if (!confusable(a[i]!, b[i]!) || (!digit && a.length < MIN_CONFUSABLE_LENGTH) || ++differences > 2) return false
    }
    return true
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a]
  if (long.length !== short.length + 1) return false
  // É read as FE at the start of a word; è read as eé (folded: ee), only in words long enough not to be an
  // agreement (agréé/agréée).
  if (long.startsWith('fe') && long.slice(1) === short && short.length >= 5) return true
  for (let i = 1; i < long.length; i++) {
    if (long[i] === 'e' && long[i - 1] === 'e' && short.length >= 6 && long.slice(0, i) + long.slice(i + 1) === short) return true
  }
  return false
}

type Op = ['equal', number, number] | ['delete', number] | ['insert', number]

/** The shortest edit script between two word sequences (longest common subsequence), deletions before insertions. */
function editScript(older: string[], newer: string[]): Op[] {
  // Common prefix and suffix first: restatements share most of their words, so the quadratic table stays small.
  let head = 0
  while (head < older.length && head < newer.length && sameWord(older[head]!, newer[head]!)) head++
  let tail = 0
  while (tail < older.length - head && tail < newer.length - head && sameWord(older[older.length - 1 - tail]!, newer[newer.length - 1 - tail]!)) tail++
  const n = older.length - head - tail
  const m = newer.length - head - tail
  // lcs[i * (m + 1) + j]: length of the longest common subsequence of the middles from i and j on.
  const lcs = new Uint32Array((n + 1) * (m + 1))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = sameWord(older[head + i]!, newer[head + j]!)
        ? lcs[(i + 1) * (m + 1) + j + 1]! + 1
        : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!)
    }
  }
  const ops: Op[] = []
  for (let k = 0; k < head; k++) ops.push(['equal', k, k])
  let i = 0
  let j = 0
  while (i < n || j < m) {
    const at = i * (m + 1) + j
    if (i < n && j < m && sameWord(older[head + i]!, newer[head + j]!) && lcs[at] === lcs[(i + 1) * (m + 1) + j + 1]! + 1) {
      ops.push(['equal', head + i++, head + j++])
    } else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j]! >= lcs[at + 1]!)) {
      ops.push(['delete', head + i++])
    } else {
      ops.push(['insert', head + j++])
    }
  }
  for (let k = 0; k < tail; k++) ops.push(['equal', older.length - tail + k, newer.length - tail + k])
  return ops
}

/** Diffs two wordings word by word; OCR damage, case, accents and punctuation are not changes. */
export function wordDiff(olderText: string, newerText: string): WordDiff {
  const older = diffTokens(olderText)
  const newer = diffTokens(newerText)
  const ops = editScript(
    older.map((t) => t.term),
    newer.map((t) => t.term),
  )
  const changes: WordChange[] = []
  const segments: DiffSegment[] = []
  const push = (op: DiffSegment['op'], text: string) => {
    if (!text) return
    const last = segments[segments.length - 1]
    if (last && last.op === op) last.text += text
    else segments.push({ op, text })
  }
  // `cursor` is how far into the newer text the segments have got.
  let cursor = 0
  for (let k = 0; k < ops.length; ) {
    const kind = ops[k]![0]
    let end = k
    while (end + 1 < ops.length && ops[end + 1]![0] === kind) end++
    const run = ops.slice(k, end + 1)
    if (kind === 'delete') {
      const first = older[run[0]![1]]!
      const last = older[run[run.length - 1]![1]]!
      const text = olderText.slice(first.start, last.end)
      // The separator before the next newer word goes first, so the deletion sits where the words were.
      const next = ops[end + 1]
      const nextWord = next && next[0] !== 'delete' ? newer[next[0] === 'equal' ? next[2] : next[1]]! : null
      if (nextWord) {
        push('equal', newerText.slice(cursor, nextWord.start))
        cursor = nextWord.start
      }
      changes.push({ op: 'delete', text })
      segments.push({ op: 'delete', text })
    } else {
      const index = (op: Op) => (op[0] === 'equal' ? op[2] : op[1])
      const first = newer[index(run[0]!)]!
      const last = newer[index(run[run.length - 1]!)]!
      if (kind === 'insert') {
        push('equal', newerText.slice(cursor, first.start))
        const text = newerText.slice(first.start, last.end)
        changes.push({ op: 'insert', text })
        segments.push({ op: 'insert', text })
      } else {
        push('equal', newerText.slice(cursor, last.end))
      }
      cursor = last.end
    }
    k = end + 1
  }
  push('equal', newerText.slice(cursor))
  return { changes, segments }
}
