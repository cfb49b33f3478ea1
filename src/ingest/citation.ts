// A passage's citation: what a drafter pastes after a quotation.

import type { Citation, DocumentMeta, Passage } from '../types.js'
import { MONTHS } from './metadata.js'

/** Joins a section path in a citation. */
export const SECTION_SEPARATOR = ' › '

/**
 * The citation of a passage. Its label names the document by symbol (`CTOC/COP/WG.7/2015/5`) or,
 * when the symbol is unknown, by title and date in French (`Projet de rapport, Additif
 * (12 septembre 2019)`; the date is left out when the title already gives the year, and the file
 * name stands in for a missing title). Then the place: `par. 36`, `recommandation 7`, or for an
 * unnumbered passage `section « innermost heading »`:
 * `CTOC/COP/WG.7/2015/5, par. 36`, `Projet de rapport, Additif (12 septembre 2019), recommandation 22`.
 * Where the format has pages (PDF), the page follows: `CTOC/COP/WG.7/2015/5, par. 36, p. 9`.
 */
export function citationFor(document: DocumentMeta, passage: Passage): Citation {
  const page = pageOf(passage)
  return {
    file: document.file,
    symbol: document.symbol,
    title: document.title,
    date: document.date,
    year: document.year,
    section: passage.section.join(SECTION_SEPARATOR),
    paragraph: passage.paragraph,
    ...(page ? { page } : {}),
    label: `${documentReference(document)}${place(passage)}${page ? `, p. ${page}` : ''}`,
  }
}

/** `9`, or `9-10` for a passage running over a page break; empty when the format has no pages. */
function pageOf(passage: Passage): string {
  const pages = passage.pages ?? []
  if (pages.length === 0) return ''
  const first = pages[0]!
  const last = pages[pages.length - 1]!
  return first === last ? String(first) : `${first}-${last}`
}

function documentReference(document: DocumentMeta): string {
  if (document.symbol) return document.symbol
  if (document.shortName) return document.shortName
  const title = document.title || document.file
  if (!document.date || title.includes(document.date.slice(0, 4))) return title
  return `${title} (${frenchDate(document.date)})`
}

function place(passage: Passage): string {
  const recommendation = /^Recommandation (\d+)$/.exec(passage.paragraph)
  if (recommendation) return `, recommandation ${recommendation[1]}`
  if (passage.paragraph) return `, par. ${passage.paragraph}`
  const heading = passage.section[passage.section.length - 1]
  return heading ? `, section « ${heading} »` : ''
}

/** `2019-09-12` → `12 septembre 2019`, `2019-09` → `septembre 2019`, `2019` → `2019`; the first of a month is `1er`. */
export function frenchDate(iso: string): string {
  const [year, month, day] = iso.split('-')
  const monthName = month ? MONTHS[Number(month) - 1] : undefined
  if (!monthName) return year ?? ''
  if (!day) return `${monthName} ${year}`
  const dayNumber = Number(day)
  return `${dayNumber === 1 ? '1er' : dayNumber} ${monthName} ${year}`
}
