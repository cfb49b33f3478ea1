// French analysis shared by indexing and querying: tokens with offsets, elision, folding, stop words, stemming.

import snowball from 'snowball-stemmers'
import { fold, repairOcr } from './fold.js'
import { frenchStopWords } from './stopwords.js'

export interface Token {
  /** Folded form, elision removed: `l’Article` → `article`. */
  term: string
  /** Offsets of the whole written word in the source text, elided article included. */
  start: number
  end: number
}

// `d ’enquête`: text extracted from PDFs sometimes has a space before the apostrophe.
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu) ?['’‘ʼ]/i

/** Splits a text into folded tokens with source offsets. OCR repair is applied first; it keeps offsets. */
export function tokenize(text: string): Token[] {
  const repaired = repairOcr(text)
  const tokens: Token[] = []
  // A word is a run of letters and digits; `/` and `.` between two such runs stay inside it, so `5/3`,
  // `7/1` and `WG.7` are one token. Hyphens split words. An elided article is matched with its word so
  // `l’article` yields `article` with the `l’` inside its span.
  const pattern = /(?:\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu) ?['’‘ʼ](?=\p{L}))?[\p{L}\p{N}]+(?:[./][\p{L}\p{N}]+)*/giu
  for (const match of repaired.matchAll(pattern)) {
    const written = match[0]
    const start = match.index
    const elided = ELISION.exec(written)
    const core = elided && written.length > elided[0].length ? written.slice(elided[0].length) : written
    tokens.push({ term: foldWord(core), start, end: start + written.length })
  }
  return tokens
}

// Folding is six string passes; the words of a corpus are few and recur, so a lookup is ten times cheaper.
const foldCache = new Map<string, string>()
const FOLD_CACHE_LIMIT = 200_000

function foldWord(word: string): string {
  let folded = foldCache.get(word)
  if (folded === undefined) {
    folded = fold(word)
    if (foldCache.size < FOLD_CACHE_LIMIT) foldCache.set(word, folded)
  }
  return folded
}

const stemmer = snowball.newStemmer('french')
const stemCache = new Map<string, string>()
const STEM_CACHE_LIMIT = 200_000

/** Snowball French stem of a folded term; numbers and symbols (`5/3`, `2021`) are kept as they are. */
export function stem(term: string): string {
  if (/\d/.test(term) || term.length < 3) return term
  let stemmed = stemCache.get(term)
  if (stemmed === undefined) {
    stemmed = fold(stemmer.stem(term))
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
