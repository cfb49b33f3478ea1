// What a passage is — recommendation, deliberation or narrative — decided by the headings above it.

import type { DocumentKind, PassageKind } from '../types.js'
import type { RawPassage } from './paragraphs.js'

/** Headings that name the part a passage belongs to, tried in this order on each heading. */
const PART_KINDS: Array<[RegExp, PassageKind]> = [
  [/recommandation/i, 'recommendation'],
  [/délibération|débat|discussion|organisation de la réunion|organisation des travaux|ouverture de la|déclaration|participation|documentation|ordre du jour|adoption du rapport|questions diverses/i, 'deliberation'],
  [/introduction|conclusion/i, 'narrative'],
]

/**
 * The kind of a passage. A `Recommandation N` block is a recommendation. A Secretariat report is the
 * Secretariat's narrative throughout. Otherwise the outermost heading that names a part decides —
 * `Recommandations…` (the recommendations of a meeting report, every part of the compendium),
 * `Résumé des délibérations` / `Organisation de la réunion` / `Déclarations`… (deliberation),
 * `Introduction` / `Conclusions` (narrative) — so `III. Résumé des délibérations › A. Analyse…` is
 * deliberation whatever its subheading says. A passage under no such heading is narrative.
 */
export function passageKind(passage: Pick<RawPassage, 'type' | 'section'>, documentKind: DocumentKind): PassageKind {
  if (passage.type === 'recommendation') return 'recommendation'
  if (documentKind === 'secretariat-report') return 'narrative'
  for (const heading of passage.section) {
    for (const [pattern, kind] of PART_KINDS) if (pattern.test(heading)) return kind
  }
  return 'narrative'
}

/** The kind a title says, when it says one: `Projet de rapport` + `Additif`, `Rapport du Secrétariat`, `Rapport de la réunion…`. */
export function kindFromTitle(title: string): DocumentKind | null {
  if (/projet de rapport/i.test(title) && /additif/i.test(title)) return 'draft-addendum'
  if (/rapport du secrétariat/i.test(title)) return 'secretariat-report'
  if (/^rapport (?:de|sur) la (?:réunion|session)/i.test(title)) return 'meeting-report'
  return null
}
