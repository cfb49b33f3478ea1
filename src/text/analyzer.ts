// French analysis shared by indexing and querying: tokens with offsets, elision, folding, stop words, stemming.

import snowball from 'snowball-stemmers'
import { fold, repairCent, repairOcr } from './fold.js'
import { frenchStopWords } from './stopwords.js'

export interface Token {
  /** Folded form, elision removed: `l’Article` → `article`. */
  term: string
  /** Offsets of the whole written word in the source text, elided article included. */
  start: number
  end: number
}

// `d ’enquête`, `l’ Afrique`: text extracted from PDFs or scans sometimes has a space beside the apostrophe.
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu) ?['’‘ʼ] ?/i

// A word is a run of letters and digits; `/` and `.` between two such runs stay inside it, so `5/3`, `7/1` and
// `WG.7` are one token. Hyphens split words. An elided article is matched with its word so `l’article` yields
// `article` with the `l’` inside its span. OCR damage the scans carry inside words is read as what it stands for:
// `¢` touching a letter belongs to the word (see `repairCent`); `1%`, `1°"` or `1°` before a month is `1er`
// (`du 30 mai au 1% juin`); an `&` standing alone or closing a word is the preposition à (`visant & incriminer`,
// `appuyer& l’application`).
const WORD = String.raw`(?:[\p{L}\p{N}]|(?<=\p{L})¢|¢(?=\p{L}))+`
const MONTH = 'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre'
const TOKEN = new RegExp(
  String.raw`(?<first>\b1(?:%|°"?|")(?=\s+(?:${MONTH})\b))|(?<a>(?<![\p{L}\p{N}&])&(?=\s|$)|(?<=\p{L})&(?=\s))|` +
    String.raw`(?:\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu) ?['’‘ʼ] ?(?=[\p{L}¢]))?${WORD}(?:[./]${WORD})*`,
  'giu',
)

/** Splits a text into folded tokens with source offsets. OCR repair is applied first; it keeps offsets. */
export function tokenize(text: string): Token[] {
  const repaired = repairOcr(text)
  const tokens: Token[] = []
  for (const match of repaired.matchAll(TOKEN)) {
    const written = match[0]
    const start = match.index
    const end = start + written.length
    if (match.groups!.first) tokens.push({ term: '1er', start, end })
    else if (match.groups!.a) tokens.push({ term: 'a', start, end })
    else {
      const elided = ELISION.exec(written)
      const core = elided && written.length > elided[0].length ? written.slice(elided[0].length) : written
      tokens.push({ term: foldWord(core), start, end })
    }
  }
  return tokens
}

// Folding is six string passes; the words of a corpus are few and recur, so a lookup is ten times cheaper.
const foldCache = new Map<string, string>()
const FOLD_CACHE_LIMIT = 200_000

function foldWord(word: string): string {
  let folded = foldCache.get(word)
  if (folded === undefined) {
    folded = fold(word.includes('¢') ? repairCent(word) : word)
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
