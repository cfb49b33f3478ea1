// The references the latency figures are divided by: raw MiniSearch over the same passages, in the same process.

import MiniSearch from 'minisearch'
import { analyze } from '../../src/text/analyzer.js'
import type { Passage } from '../../src/types.js'

export interface RawMiniSearch {
  /** MiniSearch as it comes: its own tokenizer (no stop words, no stemming), exact terms. */
  defaults(q: string): number
  /**
   * The keyword index's work without the engine around it: MiniSearch over our French analysis (stop words out,
   * stems), with the same boosts and the same typo and prefix tolerance (fuzzy 0.2 up to 2 edits on 5+ letters,
   * prefix on the last term). The reference for "keyword within 1.2× raw MiniSearch".
   */
  analysed(q: string): number
}

const plain = (q: string) => q.replace(/["«»“”„]|(^|\s)-\S*/g, ' ')

/** Builds both MiniSearch indexes over passage text and headings; queries drop quotes and `-` exclusions. */
export function rawMiniSearch(passages: readonly Passage[]): RawMiniSearch {
  const documents = passages.map((p) => ({ id: p.id, text: p.text, section: p.section.join(' ') }))
  const defaults = new MiniSearch<(typeof documents)[number]>({ fields: ['text', 'section'] })
  defaults.addAll(documents)
  const identity = (term: string) => term
  const analysed = new MiniSearch<(typeof documents)[number]>({
    fields: ['text', 'section'],
    tokenize: analyze,
    processTerm: identity,
    searchOptions: { tokenize: (text) => text.split(' ').filter(Boolean), processTerm: identity },
  })
  analysed.addAll(documents)
  return {
    defaults: (q) => defaults.search(plain(q)).length,
    analysed: (q) =>
      analysed.search(analyze(plain(q)).join(' '), {
        boost: { text: 1, section: 0.5 },
        fuzzy: (term) => (term.length >= 5 && !/\d/.test(term) ? 0.2 : false),
        maxFuzzy: 2,
        prefix: (term, i, all) => i === all.length - 1 && term.length >= 3 && !/\d/.test(term),
      }).length,
  }
}
