// The keyword index: MiniSearch (BM25) over passages, with our French analysis on both sides.

import MiniSearch, { type SearchResult } from 'minisearch'
import { analyze } from '../text/analyzer.js'
import { SearchError } from '../errors.js'

/** What the keyword index sees of a passage: its text and the headings above it. */
export interface KeywordDocument {
  id: string
  text: string
  section: string
}

export interface KeywordSearchOptions {
  /** Let the last term match as a prefix (the user may still be typing). Defaults to true. */
  prefixLast?: boolean
  /** Allow typo tolerance on terms of 5+ characters. Defaults to true. */
  fuzzy?: boolean
  /** `OR` ranks passages matching any term; `AND` keeps passages matching every term. Defaults to `OR`. */
  combineWith?: 'OR' | 'AND'
  filter?: (id: string) => boolean
}

export interface KeywordMatch {
  id: string
  score: number
  /** Index terms (stems) that matched, fuzzy and prefix expansions included: used to highlight. */
  terms: string[]
}

const defaultKeywordSearchOptions: Required<Omit<KeywordSearchOptions, 'filter'>> = {
  prefixLast: true,
  fuzzy: true,
  combineWith: 'OR',
}

// Section headings help thematic queries ("prévention") but must not outrank the words of the paragraph:
// 0.5 was chosen on PIAF and the seed queries (docs/ranking.md).
const SECTION_BOOST = 0.5
// Fuzziness is a fraction of the term length, capped: 1 edit for 5–9 letters, 2 beyond.
const FUZZY_FRACTION = 0.2
const MAX_FUZZY = 2
const FUZZY_MIN_LENGTH = 5
const PREFIX_MIN_LENGTH = 3

const splitTerms = (text: string): string[] => text.split(' ').filter(Boolean)

function miniSearchOptions() {
  return {
    fields: ['text', 'section'],
    idField: 'id',
    tokenize: analyze,
    processTerm: (term: string) => term,
    searchOptions: { tokenize: splitTerms, processTerm: (term: string) => term },
  }
}

export class KeywordIndex {
  private constructor(private readonly mini: MiniSearch<KeywordDocument>) {}

  static build(documents: KeywordDocument[]): KeywordIndex {
    const mini = new MiniSearch<KeywordDocument>(miniSearchOptions())
    mini.addAll(documents)
    return new KeywordIndex(mini)
  }

  static fromJSON(json: string): KeywordIndex {
    try {
      return new KeywordIndex(MiniSearch.loadJSON<KeywordDocument>(json, miniSearchOptions()))
    } catch (cause) {
      throw new SearchError('INDEX_CORRUPT', 'The keyword index file is unreadable: run `npm run index` to rebuild it.', { cause })
    }
  }

  toJSON(): string {
    return JSON.stringify(this.mini)
  }

  get size(): number {
    return this.mini.documentCount
  }

  /** Searches already-analysed terms (see `analyze`); returns matches best first. */
  search(terms: string[], options: KeywordSearchOptions = {}): KeywordMatch[] {
    if (terms.length === 0) return []
    const { prefixLast, fuzzy, combineWith } = { ...defaultKeywordSearchOptions, ...options }
    const filter = options.filter
    const results: SearchResult[] = this.mini.search(terms.join(' '), {
      boost: { text: 1, section: SECTION_BOOST },
      combineWith,
      prefix: (term, i, all) => prefixLast && i === all.length - 1 && term.length >= PREFIX_MIN_LENGTH && !/\d/.test(term),
      fuzzy: (term) => (fuzzy && term.length >= FUZZY_MIN_LENGTH && !/\d/.test(term) ? FUZZY_FRACTION : false),
      maxFuzzy: MAX_FUZZY,
      filter: filter ? (result) => filter(result.id as string) : undefined,
    })
    return results.map((r) => ({ id: r.id as string, score: r.score, terms: r.terms }))
  }

  /** Ids of every passage containing all the terms exactly (no typo tolerance, no prefix). */
  containingAll(terms: string[]): Set<string> {
    if (terms.length === 0) return new Set()
    const results = this.mini.search(terms.join(' '), { combineWith: 'AND', fields: ['text'], prefix: false, fuzzy: false })
    return new Set(results.map((r) => r.id as string))
  }
}
