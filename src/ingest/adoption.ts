// When a recommendation was adopted: the year a drafter cites it by, which is not always its document's year.

import type { DocumentMeta, Passage } from '../types.js'

/**
 * A heading that says which meeting adopted what follows: `Recommandations adoptées … tenue à Vienne … 2012`. The
 * word ends where no letter follows (`\b` would not end the bare `adopté`: `é` is not an ASCII word character).
 */
const ADOPTED_IN = /\badopt[ée]+s?(?![\p{L}\p{N}_]).*?\b((?:19|20)\d{2})\b/iu

/**
 * The adoption year of a recommendation. A compendium restating earlier recommendations says under which heading
 * (`A. Recommandations adoptées par le Groupe de travail à sa première réunion, tenue à Vienne du 30 mai au 1er juin
 * 2012`): the innermost such heading gives the year. Otherwise a meeting report's recommendations were adopted at
 * its meeting, in its year; a compendium's with no such heading are of unknown year. Undefined for passages that
 * are not recommendations.
 */
export function adoptionYear(document: DocumentMeta, passage: Passage): number | undefined {
  if (passage.kind !== 'recommendation') return undefined
  for (let i = passage.section.length - 1; i >= 0; i--) {
    const match = ADOPTED_IN.exec(passage.section[i]!)
    if (match) return Number(match[1])
  }
  if (document.kind === 'compendium' || document.kind === 'secretariat-report') return undefined
  return document.year ?? undefined
}
