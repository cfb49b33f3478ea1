// Lines → one quotable text: joined with single spaces, end-of-line hyphenation rejoined, offsets kept.

/** A piece of source text and the file offset of each of its UTF-16 units. */
export interface Segment {
  text: string
  offsets: number[]
}

/** The words a document writes (lower case, hyphenated compounds whole), for telling a word from a compound at a line end. */
export function vocabularyOf(texts: Iterable<string>): Set<string> {
  const words = new Set<string>()
  for (const text of texts) for (const word of text.toLowerCase().match(/\p{L}+(?:-\p{L}+)*(?!-\s*$)/gmu) ?? []) words.add(word)
  return words
}

export interface JoinedText {
  text: string
  /** Offset in the file of the first character of `text`. */
  start: number
  /** Offset in the file just after the last character of `text`. */
  end: number
}

/**
 * First elements that keep their hyphen at a line end (`ci-\naprès`, `non-\nressortissants`,
 * `sous-\nrégionales`): French compounds whose prefix is written with a hyphen.
 */
const HYPHENATED_PREFIXES = new Set(['ci', 'non', 'ex', 'vice', 'demi', 'semi', 'mi', 'quasi', 'sous', 'après', 'avant', 'arrière', 'contre', 'grand', 'grande', 'nord', 'sud', 'est', 'ouest'])
/** Second elements that keep the hyphen before them (`peut-\nêtre`, `lui-\nmême`, `là-\ndessus`). */
const HYPHENATED_SUFFIXES = new Set(['après', 'ci', 'là', 'être', 'même', 'mêmes', 'dessus', 'dessous', 'delà', 'clé', 'clés', 'cadre', 'type', 'pilote', 'il', 'elle', 'on', 'ils', 'elles', 'vous', 'nous'])

/**
 * Joins source lines the way a reader does. A line ending in a letter and `-` before a line starting
 * with a lower-case letter is end-of-line hyphenation and is rejoined without the hyphen
 * (`recom-\nmandations` → `recommandations`), unless the hyphen is part of the word: a known prefix
 * (`ci-`, `non-`, `sous-`…), a known second element (`-être`, `-même`, `-après`…), or a second part
 * that is itself hyphenated (`pots-\nde-vin`). Before a capital or a digit (`Moyen-\nOrient`,
 * `2019-\n2025`) the hyphen is kept. A symbol broken after a slash (`CTOC/COP/WG.7/\n2012/INF.1`) is
 * rejoined. Given the document's `vocabulary`, a word it writes whole elsewhere is rejoined and a compound it
 * writes with its hyphen is kept, whatever the lists say. Every other line break becomes one space, and runs of spaces collapse to one. Nothing
 * else changes: OCR damage stays as written.
 */
export function joinSegments(segments: Segment[], vocabulary?: Set<string>): JoinedText {
  const pieces = segments.filter((segment) => segment.text.length > 0)
  if (pieces.length === 0) return { text: '', start: 0, end: 0 }
  let text = ''
  pieces.forEach((piece, i) => {
    if (i === 0) text = piece.text
    else text = joinPair(text, piece.text, vocabulary)
  })
  const first = pieces[0]!
  const last = pieces[pieces.length - 1]!
  return { text: collapseSpaces(text), start: first.offsets[0]!, end: last.offsets[last.offsets.length - 1]! + 1 }
}

export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function joinPair(left: string, right: string, vocabulary?: Set<string>): string {
  if (/\d-$/.test(left) && /^\d/.test(right)) return left + right
  if (/\S\/$/.test(left)) return left + right
  const hyphen = /(\p{L}+)-$/u.exec(left)
  if (!hyphen) return `${left} ${right}`
  if (keepsHyphen(hyphen[1]!, right, vocabulary)) return left + right
  return left.slice(0, -1) + right
}

function keepsHyphen(before: string, right: string, vocabulary?: Set<string>): boolean {
  const after = /^[\p{L}-]+/u.exec(right)?.[0] ?? ''
  if (after.includes('-')) return true
  // The document itself says which it is: a word it writes whole elsewhere (`mi-` + `grants`, `SHER-` + `LOC`),
  // or a compound it writes with its hyphen.
  const joined = `${before}${after}`.toLowerCase()
  const compound = `${before}-${after}`.toLowerCase()
  if (vocabulary?.has(joined) && !vocabulary.has(compound)) return false
  if (vocabulary?.has(compound) && !vocabulary.has(joined)) return true
  if (!/^\p{Ll}/u.test(right)) return true
  return HYPHENATED_PREFIXES.has(before.toLowerCase()) || HYPHENATED_SUFFIXES.has(after.toLowerCase())
}
