// Snippets: a window of the passage around the matched words, HTML-escaped, matches wrapped in <mark>.

import { popcount } from '../binary/popcount.js'
import { stem, tokenize, type Token } from '../text/analyzer.js'

export interface HighlightSpec {
  /** Stems to mark (query stems and the index terms they matched, fuzzy and prefix expansions included). */
  stems: ReadonlySet<string>
  /** Phrases in phrase form; every word of an occurrence is marked, stop words included. */
  phrases: readonly string[]
  /** Folded query words a typo away from a word of the text (`protectoin`), matched by edit distance. */
  typoWords?: readonly string[]
}

/** Longest snippet, in characters, before the passage is cut to a window. */
export const SNIPPET_LENGTH = 320

const ESCAPED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const SPECIAL = /[&<>"']/
// Most stretches of a passage have nothing to escape: a test is cheaper than a replace that finds nothing.
const escapeHtml = (text: string) => (SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPED[c]!) : text)

/**
 * Indexes of the tokens a user would want to see highlighted, ascending. `stems` are the tokens' stems, in order, and
 * `at` the indexes of each stem (both computed here when not given).
 */
export function matchedTokens(tokens: Token[], spec: HighlightSpec, stems = stemsOf(tokens), at = indexesOf(stems)): number[] {
  const marked = new Uint8Array(tokens.length)
  // The query's few stems looked up in the passage, rather than each of its words in the query's stems.
  for (const wanted of spec.stems) {
    const found = at.get(wanted)
    if (found) for (const i of found) marked[i] = 1
  }
  const typoWords = spec.typoWords ?? []
  if (typoWords.length) {
    // The page's passages share their words and one list of typo words: each word is measured against it once.
    let typos = typoMemo.get(typoWords)
    if (!typos) typoMemo.set(typoWords, (typos = { masks: typoWords.map(letterMask), near: new Map() }))
    const { words, tokensOfWord } = wordsOf(tokens)
    for (let w = 0; w < words.length; w++) {
      const found = tokensOfWord[w]!
      // A word's tokens share its stem: marked by it, they need no typo check.
      if (marked[found[0]!]) continue
      const word = words[w]!
      let near = typos.near.get(word)
      if (near === undefined) typos.near.set(word, (near = nearTypo(word, typoWords, typos.masks)))
      if (near) for (const i of found) marked[i] = 1
    }
  }
  for (const phrase of spec.phrases) {
    const words = phrase.split(' ')
    for (let i = 0; i + words.length <= tokens.length; i++) {
      if (words.every((word, j) => tokens[i + j]!.term === word)) for (let j = 0; j < words.length; j++) marked[i + j] = 1
    }
  }
  const indexes: number[] = []
  for (let i = 0; i < marked.length; i++) if (marked[i]) indexes.push(i)
  return indexes
}

/**
 * A word's stem as an index stored it when it holds the word (`KeywordIndex.storedStem`), else undefined. A passage
 * never shown before has mostly words never stemmed in this process: stemming them was a third of a first-seen keyword
 * search's snippets at 100 000 passages, and the index already knows each of its words' stem.
 */
export type StoredStem = (word: string) => string | undefined

const stemsOf = (tokens: Token[], storedStem?: StoredStem) =>
  storedStem ? tokens.map((token) => storedStem(token.term) ?? stem(token.term)) : tokens.map((token) => stem(token.term))

function indexesOf(stems: readonly string[]): Map<string, number[]> {
  const at = new Map<string, number[]>()
  stems.forEach((found, i) => {
    const list = at.get(found)
    if (list) list.push(i)
    else at.set(found, [i])
  })
  return at
}

/** Per list of typo words (one per search): their letters (see `letterMask`), and whether each text word is a typo away from one of them. */
const typoMemo = new WeakMap<readonly string[], { masks: number[]; near: Map<string, boolean> }>()
const TYPO_MIN_LENGTH = 5
const allowedEdits = (word: string) => (word.length >= 8 ? 2 : 1)

/** The words of a passage's tokens long enough for a typo check, each once, and the indexes of each one's tokens. */
interface TypoWords {
  words: string[]
  tokensOfWord: number[][]
}

/** Made once per list of tokens (the snippets' token cache keeps a passage's). */
const wordsByTokens = new WeakMap<Token[], TypoWords>()

function wordsOf(tokens: Token[]): TypoWords {
  let found = wordsByTokens.get(tokens)
  if (!found) {
    const place = new Map<string, number>()
    const words: string[] = []
    const tokensOfWord: number[][] = []
    tokens.forEach(({ term }, i) => {
      if (term.length < TYPO_MIN_LENGTH) return
      const w = place.get(term)
      if (w !== undefined) tokensOfWord[w]!.push(i)
      else {
        place.set(term, words.length)
        words.push(term)
        tokensOfWord.push([i])
      }
    })
    wordsByTokens.set(tokens, (found = { words, tokensOfWord }))
  }
  return found
}

/** Whether `term` is within `allowedEdits` of one of `words` (`masks`: their letters). */
function nearTypo(term: string, words: readonly string[], masks: readonly number[]): boolean {
  const letters = letterMask(term)
  for (let w = 0; w < words.length; w++) {
    const word = words[w]!
    const max = allowedEdits(word)
    // Each letter of one word missing from the other takes an edit of its own: most words are told apart here,
    // without measuring the distance.
    if (popcount(masks[w]! & ~letters) > max || popcount(letters & ~masks[w]!) > max) continue
    if (withinEdits(word, term, max)) return true
  }
  return false
}

/**
 * The letters of a word as bits, a letter's code modulo 32 each: a bit set in one word's mask and not in another's is
 * a letter of the first the second lacks (letters sharing a bit only make fewer bits differ).
 */
function letterMask(word: string): number {
  let mask = 0
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) & 31)
  return mask
}

/**
 * True when `a` and `b` are at most `max` insertions, deletions or substitutions apart: Levenshtein computed only in
 * the band of cells within `max` of the diagonal (the others cannot lead to an answer within `max`), in two rows
 * reused from call to call, stopping as soon as a row has no cell within `max`.
 */
export function withinEdits(a: string, b: string, max: number): boolean {
  const n = a.length
  const m = b.length
  if (Math.abs(n - m) > max) return false
  if (m + 2 > rowA.length) rowA = new Int32Array(m + 2)
  if (m + 2 > rowB.length) rowB = new Int32Array(m + 2)
  const far = max + 1
  let previous = rowA
  let current = rowB
  for (let j = 0; j <= Math.min(m, max); j++) previous[j] = j
  previous[Math.min(m, max) + 1] = far
  for (let i = 1; i <= n; i++) {
    const low = Math.max(1, i - max)
    const high = Math.min(m, i + max)
    // The cell left of the band: column 0 holds i; past the band's left edge, out of reach.
    current[low - 1] = low === 1 ? Math.min(i, far) : far
    let best = current[low - 1]!
    const code = a.charCodeAt(i - 1)
    for (let j = low; j <= high; j++) {
      const diagonal = previous[j - 1]! + (code === b.charCodeAt(j - 1) ? 0 : 1)
      const cell = Math.min(diagonal, previous[j]! + 1, current[j - 1]! + 1)
      current[j] = cell
      if (cell < best) best = cell
    }
    // The cell right of the band, which the next row reads above it.
    if (high < m) current[high + 1] = far
    if (best > max) return false
    const swap = previous
    previous = current
    current = swap
  }
  return previous[m]! <= max
}

let rowA = new Int32Array(64)
let rowB = new Int32Array(64)

/**
 * Builds the snippet of `text`: the whole passage when short, else the window with the most matches. `storedStem`
 * gives the stems of the words an index holds (the same as stemming them, cheaper); the others are stemmed.
 */
export function makeSnippet(text: string, spec: HighlightSpec, length = SNIPPET_LENGTH, storedStem?: StoredStem): string {
  const { tokens, stems, at } = tokensOf(text, storedStem)
  const marked = matchedTokens(tokens, spec, stems, at)
  let from = 0
  let to = text.length
  if (text.length > length) {
    from = bestWindowStart(tokens, marked, length)
    to = Math.min(text.length, from + length)
    // Cut on word boundaries.
    if (from > 0) from = text.indexOf(' ', from) + 1 || from
    const lastSpace = text.lastIndexOf(' ', to)
    if (to < text.length && lastSpace > from) to = lastSpace
  }
  let out = from > 0 ? '… ' : ''
  let cursor = from
  for (const i of marked) {
    const token = tokens[i]!
    if (token.start < cursor || token.end > to) continue
    out += escapeHtml(text.slice(cursor, token.start)) + '<mark>' + escapeHtml(text.slice(token.start, token.end)) + '</mark>'
    cursor = token.end
  }
  out += escapeHtml(text.slice(cursor, to))
  if (to < text.length) out += ' …'
  return out.includes('</mark>') ? out.replace(/<\/mark>(\s+)<mark>/g, '$1') : out
}

// The passages on a results page recur from query to query, and tokenising one costs more than the rest of its
// snippet: the tokens of the last few thousand, their stems and where each stem is, are remembered (least recently used out). A
// passage's text is the same string object each time, so a lookup hashes nothing.
const TOKEN_CACHE_LIMIT = 2048
const tokenCache = new Map<string, Tokenised>()

interface Tokenised {
  tokens: Token[]
  stems: string[]
  at: Map<string, number[]>
}

// A stem is the same whichever index gave it, so one cache serves every engine of the process.
function tokensOf(text: string, storedStem?: StoredStem): Tokenised {
  let tokenised = tokenCache.get(text)
  if (tokenised) tokenCache.delete(text)
  else {
    const tokens = tokenize(text)
    const stems = stemsOf(tokens, storedStem)
    tokenised = { tokens, stems, at: indexesOf(stems) }
  }
  tokenCache.set(text, tokenised)
  if (tokenCache.size > TOKEN_CACHE_LIMIT) tokenCache.delete(tokenCache.keys().next().value!)
  return tokenised
}

// Start offset of the window of `length` characters holding the most marked tokens (earliest on ties),
// placed a little before its first match so the match is read in context.
function bestWindowStart(tokens: Token[], marked: number[], length: number): number {
  if (marked.length === 0) return 0
  let best = 0
  let bestCount = 0
  let right = 0
  for (let left = 0; left < marked.length; left++) {
    const start = tokens[marked[left]!]!.start
    while (right < marked.length && tokens[marked[right]!]!.end <= start + length * 0.8) right++
    if (right - left > bestCount) {
      bestCount = right - left
      best = start
    }
  }
  return Math.max(0, best - Math.round(length * 0.2))
}
