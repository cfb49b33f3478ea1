// How headings and labels name a document: a few words a drafter can paste, not a 25-word meeting title.

import type { DocumentMeta } from '../types.js'

/** Where a title's head ends: the organ, the place and dates, or a subtitle follow. */
const TITLE_HEAD_END = / du Groupe de travail| de la Conférence| tenue | : /

/**
 * The document's short name: its symbol when known (`CTOC/COP/WG.7/2015/5`), else the catalogue's short title
 * (`Rapport du Groupe de travail (Vienne, 2012)`), else the head of its title with its year
 * (`Rapport de la réunion (2012)`), else its file name.
 */
export function shortNameOf(document: Pick<DocumentMeta, 'symbol' | 'title' | 'year' | 'file'>, shortTitle = ''): string {
  if (document.symbol) return document.symbol
  if (shortTitle) return shortTitle
  if (!document.title) return document.file
  const cut = document.title.search(TITLE_HEAD_END)
  let head = cut > 10 ? document.title.slice(0, cut) : document.title
  if (head.length > 60) head = `${cutAtWord(head, 57)}…`
  return document.year && !head.includes(String(document.year)) ? `${head} (${document.year})` : head
}

/** The first `max` characters of `text`, ended at the last whole word when one ends past half of them. */
function cutAtWord(text: string, max: number): string {
  const space = text.lastIndexOf(' ', max)
  return (space > max / 2 ? text.slice(0, space) : text.slice(0, max)).trimEnd()
}
