// The filters beside the results: a histogram of the matches on a true year axis, documents and kinds with counts.

import { escapeHtml, KINDS, plural, shortName } from './text.js'

const $ = (id) => document.getElementById(id)

/** Every year from the first to the last one with a document or a match: years with nothing show as gaps. */
export function yearAxis(corpus, facets) {
  const years = [...corpus.map((d) => d.year), ...(facets?.year ?? []).map((y) => y.value)].filter((y) => y !== null && y !== undefined)
  if (!years.length) return []
  const first = Math.min(...years)
  const last = Math.max(...years)
  return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}

export function renderHistogram(facets, state, corpus) {
  const histogram = $('histogram')
  histogram.hidden = !facets
  const counts = new Map((facets?.year || []).map((y) => [y.value, y.count]))
  const max = Math.max(1, ...counts.values())
  histogram.replaceChildren(
    ...yearAxis(corpus, facets).map((year) => {
      const count = counts.get(year) || 0
      const inRange = (state.yearFrom === null || year >= state.yearFrom) && (state.yearTo === null || year <= state.yearTo)
      const only = state.yearFrom === year && state.yearTo === year
      const bar = document.createElement('button')
      bar.type = 'button'
      bar.className = `bar${only ? ' selected' : ''}${inRange ? '' : ' out'}${count ? '' : ' none'}`
      bar.dataset.year = String(year)
      bar.setAttribute('aria-pressed', String(only))
      const said = `${year} : ${plural(count, 'passage', 'passages')}`
      bar.setAttribute('aria-label', `${said}${only ? ' (filtre actif, cliquer pour l’enlever)' : ''}`)
      bar.title = said
      if (!count && !only) bar.tabIndex = -1
      const n = document.createElement('span')
      n.className = 'n'
      n.textContent = facets && count ? String(count) : ''
      const fill = document.createElement('span')
      fill.className = 'fill'
      // Set through the CSSOM: the Content-Security-Policy forbids inline style attributes, not this.
      fill.style.height = `${Math.round((count / max) * 62)}px`
      const label = document.createElement('span')
      label.className = 'y'
      // Two digits under each bar (’12 for 2012): eleven years fit the narrow column; the bar's name says the year.
      label.textContent = `’${String(year).slice(2)}`
      label.setAttribute('aria-hidden', 'true')
      bar.append(n, fill, label)
      return bar
    }),
  )
}

export function renderFacets(facets, state, corpus) {
  renderHistogram(facets, state, corpus)
  const docCounts = new Map((facets?.document || []).map((d) => [d.value, d.count]))
  $('documents').innerHTML = [...corpus]
    .sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999) || (a.id < b.id ? -1 : 1))
    .map((doc) => {
      const count = docCounts.get(doc.id) || 0
      const checked = state.doc.includes(doc.id)
      return `<label class="check${facets && !count ? ' empty' : ''}" title="${escapeHtml(doc.title || doc.file)}">
        <input type="checkbox" name="doc" value="${escapeHtml(doc.id)}"${checked ? ' checked' : ''}>
        <span class="label">${escapeHtml(shortName(doc))}</span>
        ${facets ? `<span class="count">${count}</span>` : ''}
      </label>`
    })
    .join('')
  const kindCounts = new Map((facets?.kind || []).map((k) => [k.value, k.count]))
  $('kinds').innerHTML = KINDS.map(([value, label]) => {
    const count = kindCounts.get(value) || 0
    return `<label class="check${facets && !count ? ' empty' : ''}">
      <input type="checkbox" name="kind" value="${value}"${state.kind.includes(value) ? ' checked' : ''}>
      <span class="label">${escapeHtml(label)}</span>
      ${facets ? `<span class="count">${count}</span>` : ''}
    </label>`
  }).join('')
}

export function fillYearSelects(corpus) {
  const options = yearAxis(corpus, null).map((y) => `<option value="${y}">${y}</option>`).join('')
  $('yearFrom').innerHTML = `<option value="">—</option>${options}`
  $('yearTo').innerHTML = `<option value="">—</option>${options}`
}
