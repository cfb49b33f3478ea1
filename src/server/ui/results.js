// The results of a search: what was understood (notices), the active filters, the count, the hits and the pager.

import { hitHtml } from './hit.js'
import { grouped } from './state.js'
import { escapeHtml, KINDS, plural, SORT_LABELS } from './text.js'

const $ = (id) => document.getElementById(id)

/** What the engine understood of the query, in French. */
export function noticesHtml(notices = []) {
  const lines = notices.map((notice) => {
    switch (notice.code) {
      case 'UNCLOSED_QUOTE':
        return `Guillemet non fermé : l’expression cherchée va jusqu’à la fin de la requête, « ${escapeHtml(notice.phrase)} ».`
      case 'EXCLUSION_ONLY':
        return 'La requête ne contient que des exclusions (<code>-mot</code>) : ajoutez au moins un mot à chercher.'
      case 'STOP_WORDS_ONLY':
        return 'La requête ne contient que des mots trop courants pour être cherchés seuls ; mettez-les entre guillemets pour chercher l’expression exacte.'
      case 'TRANSLATED':
        return `Requête en anglais reconnue, cherchée aussi en français — traduit : <strong lang="fr">${escapeHtml(notice.translation)}</strong>.`
      case 'LIMITED': {
        const what = { phrases: 'expressions exigées', terms: 'termes de recherche', exclusions: 'exclusions' }[notice.what]
        return `Requête trop longue : seuls les ${notice.kept} premiers ${what} sur ${notice.given} ont été pris en compte.`
      }
      default:
        return ''
    }
  })
  return lines.filter(Boolean).map((line) => `<p>${line}</p>`).join('')
}

/** The filters in force, each removable, shown above the results (also when the filter panel is folded). */
export function activeFiltersHtml(state, corpus) {
  const chips = []
  const chip = (label, change) => chips.push(`<li><button type="button" class="chip" data-clear='${escapeHtml(JSON.stringify(change))}' aria-label="Retirer le filtre ${escapeHtml(label)}">${escapeHtml(label)} <span aria-hidden="true">×</span></button></li>`)
  if (state.yearFrom !== null || state.yearTo !== null) {
    const label = state.yearFrom === state.yearTo ? `Année ${state.yearFrom}` : `Années ${state.yearFrom ?? '…'}–${state.yearTo ?? '…'}`
    chip(label, { yearFrom: null, yearTo: null })
  }
  for (const id of state.doc) {
    const doc = corpus.find((d) => d.id === id)
    chip(`Document : ${doc ? doc.shortName || doc.symbol || doc.title : id}`, { doc: state.doc.filter((d) => d !== id) })
  }
  for (const kind of state.kind) chip(`Type : ${KINDS.find(([value]) => value === kind)?.[1] ?? kind}`, { kind: state.kind.filter((k) => k !== kind) })
  if (state.prefer) chip('Recommandations d’abord', { prefer: false })
  if (!chips.length) return ''
  return `<span class="filters-title">Filtres actifs :</span> <ul>${chips.join('')}</ul> <button type="button" class="link" data-clear='${escapeHtml(JSON.stringify({ yearFrom: null, yearTo: null, doc: [], kind: [], prefer: false }))}'>Tout effacer</button>`
}

/** The one-line count: results, passages before grouping, order. */
export function statusHtml(response, state) {
  const { total } = response
  if (total === 0) return `Aucun passage ne correspond à <strong>${escapeHtml(response.query)}</strong>.`
  const isGrouped = grouped(state)
  // Passages before grouping: the kind facet's counts of the kinds the filter keeps (all of them without a filter).
  const passages = response.facets.kind.filter((k) => !state.kind.length || state.kind.includes(k.value)).reduce((sum, k) => sum + k.count, 0)
  const noun = isGrouped ? ['résultat', 'résultats'] : ['passage', 'passages']
  const detail = isGrouped
    ? passages > total
      ? ` (${plural(passages, 'passage', 'passages')} ; les variantes d’un même texte sont regroupées)`
      : ''
    : ' — chaque occurrence est listée'
  const order = state.sort === 'relevance' ? '' : ` · classés par ${SORT_LABELS[state.sort]}`
  return `<strong>${plural(total, ...noun)}</strong>${escapeHtml(detail)}${escapeHtml(order)}${state.prefer ? ' · recommandations d’abord' : ''}`
}

export function renderResults(response, state) {
  $('status').innerHTML = statusHtml(response, state)
  const { total, results, offset } = response
  const results_ = $('results')
  $('result-tools').hidden = total === 0
  if (total === 0) {
    results_.replaceChildren()
    $('pager').hidden = true
    return
  }
  results_.innerHTML = `<h2 class="visually-hidden">Résultats</h2>${results.map((hit) => hitHtml(hit)).join('')}`
  const last = offset + results.length
  $('pager').hidden = total <= state.k
  $('page-info').textContent = `${offset + 1}–${last} sur ${total.toLocaleString('fr-FR')}`
  $('prev').disabled = offset === 0
  $('next').disabled = last >= total
}
