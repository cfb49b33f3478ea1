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
