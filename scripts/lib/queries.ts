// The query sets the bench scripts time: what a drafter types, per mode, in French and English.

import type { SearchMode } from '../../src/types.js'

/** Free-text queries a drafter would type (French, one typo, one English). */
export const freeQueries = [
  'protection des témoins',
  'trafic illicite de migrants par mer',
  'coopération internationale',
  'blanchiment du produit du crime',
  'Etats parties',
  'confiscation des avoirs',
  'formation des agents des services de détection et de répression',
  'protectoin des victimes',
  'enquêtes financières parallèles',
  'sensibilisation du public',
  'witness protection programmes',
  'smuggling of migrants by sea',
]

/** Exact phrases, one of very common words (the worst case for a phrase check). */
export const phraseQueries = ['"geler et confisquer"', '"trafic illicite de migrants"', '"Etats parties"', '"de la"', '« coopération internationale » enquêtes', '"mise en œuvre" -protocole']

/** The four modes the benches report: `phrase` is the phrase set in keyword mode. */
export const benchModes = ['keyword', 'phrase', 'semantic', 'hybrid'] as const
export type BenchMode = (typeof benchModes)[number]

/** The engine request for a bench mode. */
export function requestsFor(mode: BenchMode, free = freeQueries, phrases = phraseQueries): Array<{ q: string; mode: SearchMode }> {
  if (mode === 'phrase') return phrases.map((q) => ({ q, mode: 'keyword' }))
  return free.map((q) => ({ q, mode }))
}

/**
 * `count` keyword queries whose words no other query of the set uses, each of three words of 5+ letters from a
 * passage spread over the corpus, every other one with two letters of its longest word swapped (a typo): timed once
 * each, they pay what a query never seen before pays (the typo and prefix expansion of every word), which repeated
 * queries hide behind the index's remembered expansions.
 */
export function firstSeenQueries(passages: ReadonlyArray<{ text: string }>, count = 60): string[] {
  const used = new Set<string>()
  const queries: string[] = []
  const step = Math.max(1, Math.floor(passages.length / (count + 1)))
  for (let p = Math.floor(step / 2) + 3; p < passages.length && queries.length < count; p += step) {
    const words = (passages[p]!.text.match(/\p{L}{5,}/gu) ?? []).map((w) => w.toLowerCase()).filter((w) => !used.has(w))
    const picked = [...new Set(words)].slice(1, 4)
    if (picked.length < 3) continue
    picked.forEach((w) => used.add(w))
    if (queries.length % 2 === 1) {
      const longest = picked.reduce((a, b) => (b.length > a.length ? b : a))
      const i = Math.floor(longest.length / 2)
      picked[picked.indexOf(longest)] = longest.slice(0, i) + longest[i + 1] + longest[i] + longest.slice(i + 2)
    }
    queries.push(picked.join(' '))
  }
  return queries
}
