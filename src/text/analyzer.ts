// French analysis shared by indexing and querying: tokens with offsets, elision, folding, stop words, stemming.

import { fold, repairCent, repairOcr } from './fold.js'
import { frenchStem } from './french-stemmer.js'
import { FIRST_ORDINAL, PREPOSITION_A, scanWords } from './scan.js'
import { frenchStopWords } from './stopwords.js'

export interface Token {
  /** Folded form, elision removed: `l’Article` → `article`. */
  term: string
  /** Offsets of the whole written word in the source text, elided article included. */
  start: number
  end: number
}

/** Splits a text into folded tokens with source offsets (see `scanWords`). OCR repair is applied first; it keeps offsets. */
export function tokenize(text: string): Token[] {
  const repaired = repairOcr(text)
  const tokens: Token[] = []
  scanWords(repaired, (found, start, end, elided) => {
    tokens.push({ term: foldTerm(writtenForm(repaired, found, start + elided, end)), start, end })
  })
  return tokens
}

/**
 * Calls `visit` with each token of `text` as written, before folding (OCR repaired, elided article dropped):
 * `foldTerm` of it is the token's `term`. For the build, which meets the same written words again and again and
 * looks them up before folding, with no token object per word.
 */
export function scanTerms(text: string, visit: (written: string) => void): void {
  const repaired = repairOcr(text)
  scanWords(repaired, (found, start, end, elided) => visit(writtenForm(repaired, found, start + elided, end)))
}

// The OCR forms of an ordinal and of à stand for `1er` and `a`; folding either leaves it as it is.
const writtenForm = (text: string, found: number, start: number, end: number) => (found === FIRST_ORDINAL ? '1er' : found === PREPOSITION_A ? 'a' : text.slice(start, end))

/** A written word as the index keeps it: its term, and its stem once asked for (null for a stop word). */
interface IndexWord {
  readonly term: string
  stem: string | null | undefined
}

// Folding is six string passes; the words of a corpus are few and recur, so a lookup is ten times cheaper. The stem
// is kept beside the term: the build asks for both for every word of every document.
const writtenWords = new Map<string, IndexWord>()
const WRITTEN_WORDS_LIMIT = 200_000

function writtenWord(word: string): IndexWord {
  let found = writtenWords.get(word)
  if (found === undefined) {
    found = { term: fold(word.includes('¢') ? repairCent(word) : word), stem: undefined }
    if (writtenWords.size < WRITTEN_WORDS_LIMIT) writtenWords.set(word, found)
  }
  return found
}

/** A written word (`scanTerms`) as a term: folded, `¢` read as the letter it stands for. */
export const foldTerm = (word: string): string => writtenWord(word).term

/** A written word's term (`foldTerm`) and its stem, null for a stop word (`isStopWord`, `stem`), in one look-up. */
export function indexWord(word: string): { term: string; stem: string | null } {
  const found = writtenWord(word)
  if (found.stem === undefined) found.stem = isStopWord(found.term) ? null : stem(found.term)
  return found as { term: string; stem: string | null }
}

const stemCache = new Map<string, string>()
const STEM_CACHE_LIMIT = 200_000

/** Snowball French stem of a folded term; numbers and symbols (`5/3`, `2021`) are kept as they are. */
export function stem(term: string): string {
  if (/\d/.test(term) || term.length < 3) return term
  let stemmed = stemCache.get(term)
  if (stemmed === undefined) {
    stemmed = fold(frenchStem(term))
    if (stemCache.size < STEM_CACHE_LIMIT) stemCache.set(term, stemmed)
  }
  return stemmed
}

export function isStopWord(term: string): boolean {
  return frenchStopWords.has(term)
}

/** Index and query terms of a text: tokens, minus stop words, stemmed. */
export function analyze(text: string): string[] {
  const terms: string[] = []
  for (const { term } of tokenize(text)) if (!isStopWord(term)) terms.push(stem(term))
  return terms
}

/** The folded word sequence used for exact-phrase checks: stop words kept, not stemmed, one space apart. */
export function phraseForm(text: string): string {
  return tokenize(text)
    .map((t) => t.term)
    .join(' ')
}
