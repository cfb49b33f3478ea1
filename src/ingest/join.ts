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
  // A join looks only at the end of the text so far: kept as `tail`, so a long passage joins in linear time.
  const parts = [pieces[0]!.text]
  let tail = pieces[0]!.text.slice(-TAIL)
  for (const piece of pieces.slice(1)) {
    const join = joinPair(tail, piece.text, vocabulary)
    if (join === 'drop-hyphen') {
      parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, -1)
      tail = tail.slice(0, -1)
    }
    const next = join === 'space' ? ` ${piece.text}` : piece.text
    parts.push(next)
    tail = (tail + next).slice(-TAIL)
  }
  const first = pieces[0]!
  const last = pieces[pieces.length - 1]!
  return { text: collapseSpaces(parts.join('')), start: first.offsets[0]!, end: last.offsets[last.offsets.length - 1]! + 1 }
}

/** How much of the text so far a join reads: more than the longest word that ends a line with a hyphen. */
const TAIL = 256

export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** How `right` joins the text that ends with `left`: after a space, glued on, or glued on without the hyphen. */
function joinPair(left: string, right: string, vocabulary?: Set<string>): 'space' | 'glue' | 'drop-hyphen' {
  if (/\d-$/.test(left) && /^\d/.test(right)) return 'glue'
  if (/\S\/$/.test(left)) return 'glue'
  const hyphen = /(\p{L}+)-$/u.exec(left)
  if (!hyphen) return 'space'
  return keepsHyphen(hyphen[1]!, right, vocabulary) ? 'glue' : 'drop-hyphen'
}

function keepsHyphen(before: string, right: string, vocabulary?: Set<string>): boolean {
  const after = /^\p{L}+(?:-\p{L}+)*/u.exec(right)?.[0] ?? ''
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
