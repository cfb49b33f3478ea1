// Export of every matching passage (not only the page shown), as CSV that French Excel opens in columns, or JSON.

import { api } from './api.js'
import { reference } from './citations.js'
import { toast } from './feedback.js'
import { apiSearchAddress, passageAddress } from './state.js'
import { KIND_BADGE, plural, SORT_LABELS } from './text.js'

/** At most this many passages are exported; the file and the message say when there were more. */
export const EXPORT_LIMIT = 1000
const PAGE = 100

/** The search and its filters in words, for the head of the file (and the print header). */
export function describeSearch(state, corpus) {
  const filters = []
  if (state.yearFrom !== null || state.yearTo !== null) filters.push(`années ${state.yearFrom ?? '…'}–${state.yearTo ?? '…'}`)
  for (const id of state.doc) {
    const doc = corpus.find((d) => d.id === id)
    filters.push(`document ${doc ? doc.shortName || doc.symbol || doc.title : id}`)
  }
  if (state.kind.length) filters.push(`type ${state.kind.map((k) => KIND_BADGE[k] || k).join(', ')}`)
  if (state.prefer) filters.push('recommandations d’abord')
  const mode = { hybrid: 'hybride', keyword: 'mots-clés', semantic: 'sémantique' }[state.mode]
  return { query: state.q, mode, order: SORT_LABELS[state.sort], filters: filters.join(' ; ') || 'aucun' }
}

export async function exportResults(format, state, corpus) {
  if (!state.q) return
  const hits = []
  let total = Infinity
  // Every passage, variants not grouped: an export is for counting and quoting each occurrence.
  for (let offset = 0; offset < Math.min(total, EXPORT_LIMIT); offset += PAGE) {
    const page = await api(apiSearchAddress(state, { k: PAGE, offset, collapse: false }))
    total = page.total
    hits.push(...page.results)
  }
  const rows = hits.slice(0, EXPORT_LIMIT).map((hit) => ({
    rang: hit.rank,
    reference: reference(hit.citation),
    page: hit.citation.page ?? '',
    annee: hit.citation.year ?? '',
    adoptee_en: hit.citation.adopted ?? '',
    cote: hit.citation.symbol,
    document: hit.citation.title,
    paragraphe: hit.citation.paragraph,
    section: hit.citation.section,
    type: KIND_BADGE[hit.kind] || hit.kind,
    texte: hit.repaired?.text ?? hit.text,
    texte_numerise: hit.repaired ? hit.text : '',
    id: hit.id,
    lien: new URL(passageAddress(hit.id), location.origin).href,
  }))
  const about = describeSearch(state, corpus)
  const exported = new Date()
  const head = {
    requete: about.query,
    mode: about.mode,
    ordre: about.order,
    filtres: about.filters,
    exporte_le: exported.toLocaleString('fr-FR'),
    adresse: location.href,
    passages: total > rows.length ? `${rows.length} premiers sur ${total}` : String(rows.length),
  }
  const name = `recherche-${state.q.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40) || 'resultats'}`
  if (format === 'json') download(`${name}.json`, 'application/json', JSON.stringify({ ...head, total, exported: rows.length, results: rows }, null, 2))
  else download(`${name}.csv`, 'text/csv;charset=utf-8', csv(head, rows))
  toast(`${plural(rows.length, 'passage exporté', 'passages exportés')}${total > rows.length ? ` : les ${EXPORT_LIMIT.toLocaleString('fr-FR')} premiers sur ${total.toLocaleString('fr-FR')}` : ''}.`)
}

/**
 * CSV for a French Excel: `;` between fields (its list separator), every field quoted, quotes doubled, CRLF, a
 * byte-order mark so it reads UTF-8. The search is recorded in rows above the table, a blank row between.
 */
export function csv(head, rows) {
  const field = (value) => `"${String(value ?? '').replace(/"/g, '""')}"`
  const line = (values) => values.map(field).join(';')
  const lines = Object.entries(head).map(([key, value]) => line([key, value]))
  lines.push('')
  if (rows.length) {
    const columns = Object.keys(rows[0])
    lines.push(line(columns), ...rows.map((row) => line(columns.map((c) => row[c]))))
  }
  return `\ufeff${lines.join('\r\n')}\r\n`
}

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
