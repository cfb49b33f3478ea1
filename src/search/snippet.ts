// Snippets: a window of the passage around the matched words, HTML-escaped, matches wrapped in <mark>.

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

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Indexes of the tokens a user would want to see highlighted. */
export function matchedTokens(tokens: Token[], spec: HighlightSpec): Set<number> {
  const marked = new Set<number>()
  const typoWords = spec.typoWords ?? []
  // The page's passages share their words and one list of typo words: each word is measured against it once.
  let typos: Map<string, boolean> | undefined
  const isTypo = (term: string) => {
    if (!typos && !(typos = typoMemo.get(typoWords))) typoMemo.set(typoWords, (typos = new Map()))
    let found = typos.get(term)
    if (found === undefined) typos.set(term, (found = typoWords.some((word) => withinEdits(word, term, allowedEdits(word)))))
    return found
  }
  tokens.forEach((token, i) => {
    if (spec.stems.has(stem(token.term))) marked.add(i)
    else if (token.term.length >= TYPO_MIN_LENGTH && typoWords.length && isTypo(token.term)) marked.add(i)
  })
  for (const phrase of spec.phrases) {
    const words = phrase.split(' ')
    for (let i = 0; i + words.length <= tokens.length; i++) {
      if (words.every((word, j) => tokens[i + j]!.term === word)) for (let j = 0; j < words.length; j++) marked.add(i + j)
    }
  }
  return marked
}

/** Per list of typo words (one per search), whether each text word is a typo away from one of them. */
const typoMemo = new WeakMap<readonly string[], Map<string, boolean>>()
const TYPO_MIN_LENGTH = 5
const allowedEdits = (word: string) => (word.length >= 8 ? 2 : 1)

/** True when `a` and `b` are at most `max` insertions, deletions or substitutions apart (banded Levenshtein). */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      best = Math.min(best, current[j]!)
    }
    if (best > max) return false
    previous = current
  }
  return previous[b.length]! <= max
}

/** Builds the snippet of `text`: the whole passage when short, else the window with the most matches. */
export function makeSnippet(text: string, spec: HighlightSpec, length = SNIPPET_LENGTH): string {
  const tokens = tokensOf(text)
  const marked = [...matchedTokens(tokens, spec)].sort((a, b) => a - b)
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
  return out.replace(/<\/mark>(\s+)<mark>/g, '$1')
}

// The passages on a results page recur from query to query, and tokenising one costs more than the rest of its
// snippet: the last few thousand are remembered (least recently used out). A passage's text is the same string
// object each time, so a lookup hashes nothing.
const TOKEN_CACHE_LIMIT = 2048
const tokenCache = new Map<string, Token[]>()

function tokensOf(text: string): Token[] {
  let tokens = tokenCache.get(text)
  if (tokens) tokenCache.delete(text)
  else tokens = tokenize(text)
  tokenCache.set(text, tokens)
  if (tokenCache.size > TOKEN_CACHE_LIMIT) tokenCache.delete(tokenCache.keys().next().value!)
  return tokens
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
