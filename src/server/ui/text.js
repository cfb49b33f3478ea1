// Words and formats the page shows: French labels, numbers, dates, and HTML escaping.

export const KINDS = [
  ['recommendation', 'Recommandations'],
  ['deliberation', 'Délibérations'],
  ['narrative', 'Texte introductif ou descriptif'],
]
export const KIND_BADGE = { recommendation: 'Recommandation', deliberation: 'Délibération', narrative: 'Texte' }
export const DOCUMENT_KINDS = {
  'meeting-report': 'Rapport de réunion',
  compendium: 'Recueil de recommandations',
  'secretariat-report': 'Rapport du Secrétariat',
  'draft-addendum': 'Projet de rapport (additif)',
}
export const MODE_HELP = {
  hybrid: 'Hybride : mots-clés et proximité de sens réunis — le meilleur point de départ.',
  keyword: 'Mots-clés : les passages qui contiennent vos mots (formes fléchies et coquilles comprises), classés BM25.',
  semantic: 'Sémantique : les passages proches par le sens, même sans vos mots exacts.',
}
export const SORT_LABELS = { relevance: 'pertinence', date: 'date, du plus ancien au plus récent', '-date': 'date, du plus récent au plus ancien' }

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']

export const escapeHtml = (text) =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])

// The API escapes the snippet's text itself and adds only <mark>; anything else that looks like a tag is neutralised.
export const safeSnippet = (html) => String(html).replace(/<(?!\/?mark>)/g, '&lt;')

export const plural = (n, one, many) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`

/** `2019-09-12` → `12 septembre 2019`; `2019-09` → `septembre 2019`; `2015` → `2015`. */
export function frenchDate(iso) {
  const [year, month, day] = String(iso || '').split('-')
  const name = month ? MONTHS[Number(month) - 1] : undefined
  if (!name) return year || ''
  if (!day) return `${name} ${year}`
  return `${Number(day) === 1 ? '1er' : Number(day)} ${name} ${year}`
}

/** How headings and labels name a document: its short name, else its symbol, title or file. */
export const shortName = (doc) => doc.shortName || doc.symbol || doc.title || doc.file

export const yearOf = (citation) => (citation.year === null || citation.year === undefined ? '' : String(citation.year))

/** `2012` for a recommendation adopted then and restated later, shown next to the document's year. */
export const adoptedNote = (citation) =>
  citation.adopted && citation.adopted !== citation.year ? `adoptée en ${citation.adopted}` : ''
