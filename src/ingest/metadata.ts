// Document metadata as the text states it (running header, cover page, title), completed by the catalogue.

import type { DocumentKind, DocumentMeta } from '../types.js'
import type { CatalogueEntry } from './catalogue.js'
import { SYMBOL_LINE, type SourceLine } from './clean.js'
import { collapseSpaces } from './join.js'
import { kindFromTitle } from './kinds.js'
import { shortNameOf } from './short-name.js'

/** What the text of a document states about it; empty when it does not say. */
export interface StatedMetadata {
  symbol: string
  title: string
  /** ISO date of issue (cover page) or, failing that, of the meeting its title names. */
  date: string
  meeting: string
  kind: DocumentKind | null
  /** Cover-page statements, empty when the cover does not make them. */
  distribution: string
  originalLanguage: string
  session: string
  agendaItem: string
}

export const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']
const MONTH = '(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)'
const DAY = '(\\d{1,2})(?:er|re)?'
/** `12 septembre 2019`, `14 et 15 octobre 2021`, `11-13 septembre 2019`, `30 mai au 1er juin 2012`: the first day counts. */
const FRENCH_DATE = new RegExp(`\\b${DAY}(?:\\s+${MONTH})?(?:\\s*(?:-|–|et|au)\\s*\\d{1,2}(?:er|re)?)?\\s+${MONTH}\\s+(\\d{4})\\b`, 'i')

const DISTRIBUTION = /^(?:Distr\.|Original\s*:|Français$|Anglais$|Espagnol$|Arabe$|Chinois$|Russe$|Nations Unies$)/
const DISTRIBUTION_LINE = /^Distr\.\s*(.+)$/
const ORIGINAL = /^Original\s*:\s*(\p{L}+)/u
const SESSION = /^(?:\p{Lu}\p{Ll}+(?:ième|ière|re) (?:session|réunion)(?: extraordinaire)?)$/u
const AGENDA_ITEM = /^Points?\s+\d+[a-z]?(?:\s*(?:,|et)\s*\d+[a-z]?)*(?:\s+\p{Ll}\))?\s+de l[’'](?:ordre du jour)(?:\s+provisoire)?/u
const ORGAN = /^(?:Conférence des Parties|Groupe de travail|Commission|Assemblée générale|Conseil)\b/
const PLACE_AND_DATE = /^\p{Lu}[\p{L}-]+,\s.*\d{4}$/u
const STARTS_LOWER = /^\p{Ll}/u
const MAX_TITLE = 300

/**
 * Reads what the text says about itself. The symbol is the one in the running header (a symbol alone
 * on a line next to the job number or page counter, never a symbol quoted in a paragraph). The cover
 * page gives the issue date (the date under `Distr.`), the meeting (body and `Place, dates` lines)
 * and the title (the remaining lines; wrapped lines joined, parts joined with `, `). Without an issue
 * date, the first date in the title (`tenue à Vienne les 14 et 15 octobre 2021`) counts.
 */
export function readStatedMetadata(lines: SourceLine[], frontMatter: SourceLine[]): StatedMetadata {
  const symbol = lines.find((line) => line.furniture === 'running-header' && SYMBOL_LINE.test(line.text))?.text ?? ''
  const titleParts: string[] = []
  const meetingParts: string[] = []
  let issued = ''
  const cover = { distribution: '', originalLanguage: '', session: '', agendaItem: '' }
  for (const line of frontMatter) {
    const text = collapseSpaces(line.text)
    const dateOnly = parseFrenchDate(text)
    cover.distribution ||= DISTRIBUTION_LINE.exec(text)?.[1] ? `Distr. ${DISTRIBUTION_LINE.exec(text)![1]}` : ''
    cover.originalLanguage ||= ORIGINAL.exec(text)?.[1] ?? ''
    if (DISTRIBUTION.test(text)) continue
    if (AGENDA_ITEM.test(text)) {
      cover.agendaItem ||= text
      continue
    }
    if (SESSION.test(text)) {
      cover.session ||= text
      meetingParts.splice(0, meetingParts.length, text)
      continue
    }
    if (dateOnly && dateOnly.matched === text) issued ||= dateOnly.iso
    else if (ORGAN.test(text)) meetingParts.splice(0, meetingParts.length, text)
    else if (PLACE_AND_DATE.test(text) && meetingParts.length > 0) meetingParts.push(text)
    else if (STARTS_LOWER.test(text) && titleParts.length > 0) titleParts[titleParts.length - 1] += ` ${text}`
    else if (!STARTS_LOWER.test(text)) titleParts.push(text)
  }
  // Text before the first paragraph that runs this long is a paragraph cut by a page break (an excerpt), not a title.
  const title = titleParts.join(', ').length <= MAX_TITLE ? titleParts.join(', ') : ''
  return {
    symbol,
    title,
    date: issued || (parseFrenchDate(title)?.iso ?? ''),
    meeting: meetingParts.length > 1 ? meetingParts.join(', ') : '',
    kind: kindFromTitle(title),
    ...cover,
  }
}

/** The first French date in `text` as ISO `YYYY-MM-DD` (first day of a range), with the words it matched. */
export function parseFrenchDate(text: string): { iso: string; matched: string } | null {
  const match = FRENCH_DATE.exec(text)
  if (!match) return null
  const month = monthNumber(match[2] ?? match[3]!)
  return { iso: `${match[4]}-${pad(month)}-${pad(Number(match[1]))}`, matched: match[0] }
}

/**
 * Stated values first, then the catalogue's, else empty — nothing is invented. The date falls back to
 * the year in the symbol (a UN symbol carries its year of issue); the kind is the catalogue's when it
 * has one (the title only suggests it), else the title's, else `meeting-report`.
 */
export function documentMeta(file: string, sha256: string, stated: StatedMetadata, entry: CatalogueEntry = {}): DocumentMeta {
  const symbol = stated.symbol || entry.symbol?.value || ''
  const date = stated.date || entry.date?.value || (/\/((?:19|20)\d{2})\//.exec(symbol)?.[1] ?? '')
  const title = stated.title || entry.title?.value || ''
  const year = date ? Number(date.slice(0, 4)) : null
  return {
    id: documentId(file),
    file,
    symbol,
    title,
    shortName: shortNameOf({ symbol, title, year, file }, entry.shortTitle?.value),
    date,
    year,
    meeting: stated.meeting || entry.meeting?.value || '',
    kind: entry.kind?.value ?? stated.kind ?? 'meeting-report',
    sha256,
    ...(stated.distribution ? { distribution: stated.distribution } : {}),
    ...(stated.originalLanguage ? { originalLanguage: stated.originalLanguage } : {}),
    ...(stated.session ? { session: stated.session } : {}),
    ...(stated.agendaItem ? { agendaItem: stated.agendaItem } : {}),
  }
}

/**
 * The file's path without its extension, made URL-safe (accents dropped, anything but letters, digits, `_` and
 * `-` turned into `-`): `000_f4384e2a98d04a30`, `2015/Réunion (1).pdf` → `2015-Reunion-1`.
 */
export function documentId(file: string): string {
  return file
    .replace(/\.[^./\\]+$/, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

function monthNumber(name: string): number {
  const folded = name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')
  return MONTHS.findIndex((month) => month.normalize('NFD').replace(/\p{M}/gu, '') === folded) + 1
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
