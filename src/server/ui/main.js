// The search page: reads its state from the address, asks the API of the same server, and shows the search,
// one passage in context, the list of documents or one document to read. Plain DOM modules, no framework.

import { api } from './api.js'
import { copyFormats } from './citations.js'
import { copyAndTell, toast } from './feedback.js'
import { describeSearch, exportResults } from './export.js'
import { fillYearSelects, renderFacets } from './facets.js'
import { hitById, narrow, rerender, shownText, toggleFull } from './hit.js'
import { moreContext, renderPassageView, togglePanel } from './passage.js'
import { renderDocumentList, renderReading } from './documents.js'
import { activeFiltersHtml, noticesHtml, renderResults } from './results.js'
import { apiSearchAddress, grouped, hasFilters, pageAddress, readState } from './state.js'
import { MODE_HELP } from './text.js'

const $ = (id) => document.getElementById(id)
const els = {
  form: $('search'), q: $('q'), modeHelp: $('mode-help'), yearFrom: $('yearFrom'), yearTo: $('yearTo'), prefer: $('prefer'),
  collapse: $('collapse'), filters: $('filters'), status: $('status'), error: $('error'), results: $('results'), welcome: $('welcome'),
  notices: $('notices'), active: $('active-filters'), sort: $('sort'), pageSize: $('page-size'), searchView: $('search-view'),
  documentsView: $('documents-view'), printHead: $('print-head'), semanticNote: $('semantic-note'),
}

/** Documents of the corpus, from /documents: labels for the filters, years for the histogram. */
let corpus = []
let state = readState(location.search)
let lastResponse = null
let lastSearch = ''
let searchToken = 0
/** Where focus was before a passage opened, to give it back on close. */
let focusBefore = null

/** Changes the state, records it in the address (a new history entry unless `replace`) and renders it. */
function update(changes, { replace = false, resetOffset = true } = {}) {
  state = { ...state, ...(resetOffset ? { offset: 0 } : {}), ...changes }
  const address = pageAddress(state)
  if (address !== location.pathname + location.search) history[replace ? 'replaceState' : 'pushState'](null, '', address)
  render()
}

function render() {
  const reading = state.view !== 'search'
  els.searchView.hidden = reading
  els.documentsView.hidden = !reading
  for (const link of document.querySelectorAll('.site-nav a[data-view]')) {
    const current = (link.dataset.view === 'documents') === reading
    if (current) link.setAttribute('aria-current', 'page')
    else link.removeAttribute('aria-current')
  }
  if (state.view === 'documents') return renderDocumentList(corpus)
  if (state.view === 'read') return renderReading(state.read)
  els.q.value = state.q
  for (const radio of els.form.elements.mode) radio.checked = radio.value === state.mode
  els.modeHelp.textContent = MODE_HELP[state.mode]
  els.prefer.checked = state.prefer
  els.collapse.checked = grouped(state)
  els.sort.value = state.sort
  els.pageSize.value = String(state.k)
  els.yearFrom.value = state.yearFrom === null ? '' : String(state.yearFrom)
  els.yearTo.value = state.yearTo === null ? '' : String(state.yearTo)
  els.active.innerHTML = activeFiltersHtml(state, corpus)
  els.active.hidden = !hasFilters(state)
  if (!state.p) document.title = state.q ? `${state.q} — Recherche documentaire` : 'Recherche — Groupe de travail sur le trafic illicite de migrants'
  renderPassageView(state)
  fillPrintHead()
  if (state.q) {
    // Opening a passage keeps the results as they are.
    if (apiSearchAddress(state) !== lastSearch || !lastResponse) runSearch()
  } else {
    lastSearch = ''
    lastResponse = null
    els.results.replaceChildren()
    els.status.textContent = ''
    els.notices.replaceChildren()
    $('result-tools').hidden = true
    $('pager').hidden = true
    els.error.hidden = true
    els.welcome.hidden = Boolean(state.p)
    renderFacets(null, state, corpus)
  }
}

async function runSearch() {
  const token = ++searchToken
  lastSearch = apiSearchAddress(state)
  els.welcome.hidden = true
  els.error.hidden = true
  els.results.setAttribute('aria-busy', 'true')
  els.status.textContent = 'Recherche…'
  try {
    const response = await api(lastSearch)
    if (token !== searchToken) return
    lastResponse = response
    els.notices.innerHTML = noticesHtml(response.notices)
    renderResults(response, state)
    renderFacets(response.facets, state, corpus)
    els.semanticNote.textContent = semanticNote(response.semantic)
  } catch (error) {
    if (token !== searchToken) return
    lastResponse = null
    lastSearch = ''
    els.results.replaceChildren()
    els.status.textContent = ''
    $('result-tools').hidden = true
    $('pager').hidden = true
    els.error.textContent = error.message
    els.error.hidden = false
  } finally {
    if (token === searchToken) els.results.removeAttribute('aria-busy')
  }
}

function semanticNote(semantic) {
  if (!semantic) return ''
  if (semantic.dense) return `Recherche sémantique : modèle ${semantic.model}${clusteredNote(semantic.clusters)}, n-grammes de caractères et traduction anglais→français.`
  return 'Recherche sémantique : n-grammes de caractères et traduction anglais→français (aucun modèle de plongements installé).'
}

/**
 * The dense channel's approximate search, when it is: how many groups, how many visited, the recall measured; and as
 * much for a query far from every group, when the build measured a number of groups for it too.
 */
function clusteredNote(clusters) {
  if (!clusters) return ''
  const share = (recall) => recall.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const far = clusters.farProbe
    ? ` ; ${clusters.farProbe} parcourus par une requête loin de tous les groupes, ${share(clusters.farRecall)} des 100 premiers et ${share(clusters.farTopRecall)} des 10 premiers pour celles-ci`
    : ''
  return ` (recherche approchée : ${clusters.count.toLocaleString('fr-FR')} groupes de vecteurs, ${clusters.probe} parcourus par requête, ${share(clusters.recall)} des 100 premiers de la recherche exacte retrouvés en moyenne${far}, mesuré à la construction)`
}

/** What a printout says above the results: the search, its filters, the date and the address. */
function fillPrintHead() {
  if (!state.q) return els.printHead.replaceChildren()
  const about = describeSearch(state, corpus)
  const rows = [
    ['Recherche', about.query],
    ['Mode', about.mode],
    ['Ordre', about.order],
    ['Filtres', about.filters],
    ['Imprimé le', new Date().toLocaleString('fr-FR')],
    ['Adresse', location.href],
  ]
  els.printHead.replaceChildren(
    ...rows.map(([term, value]) => {
      const line = document.createElement('p')
      const strong = document.createElement('strong')
      strong.textContent = `${term} : `
      line.append(strong, value)
      return line
    }),
  )
}

function closePassage() {
  update({ p: '' })
  const back = focusBefore && document.body.contains(focusBefore) ? focusBefore : els.results.querySelector('.cite') || els.q
  back.focus()
}

// ---------------------------------------------------------------- events

els.form.addEventListener('submit', (event) => {
  event.preventDefault()
  const q = els.q.value.trim()
  if (!q) return els.q.focus()
  update({ q, p: '', view: 'search', read: '', collapse: null })
})
els.form.addEventListener('change', (event) => {
  if (event.target.name === 'mode') update({ mode: event.target.value })
})
els.sort.addEventListener('change', () => update({ sort: els.sort.value }))
els.pageSize.addEventListener('change', () => update({ k: Number(els.pageSize.value) }))
els.yearFrom.addEventListener('change', () => {
  const from = els.yearFrom.value ? Number(els.yearFrom.value) : null
  update({ yearFrom: from, yearTo: state.yearTo !== null && from !== null && state.yearTo < from ? from : state.yearTo })
})
els.yearTo.addEventListener('change', () => {
  const to = els.yearTo.value ? Number(els.yearTo.value) : null
  update({ yearTo: to, yearFrom: state.yearFrom !== null && to !== null && state.yearFrom > to ? to : state.yearFrom })
})
$('histogram').addEventListener('click', (event) => {
  const bar = event.target.closest('.bar')
  if (!bar) return
  const year = Number(bar.dataset.year)
  const only = state.yearFrom === year && state.yearTo === year
  update(only ? { yearFrom: null, yearTo: null } : { yearFrom: year, yearTo: year })
})
$('documents').addEventListener('change', () => update({ doc: [...$('documents').querySelectorAll('input:checked')].map((input) => input.value) }))
$('kinds').addEventListener('change', () => update({ kind: [...$('kinds').querySelectorAll('input:checked')].map((input) => input.value) }))
els.prefer.addEventListener('change', () => update({ prefer: els.prefer.checked }))
els.collapse.addEventListener('change', () => update({ collapse: els.collapse.checked }))
$('clear').addEventListener('click', () => update({ yearFrom: null, yearTo: null, doc: [], kind: [], prefer: false }))
els.active.addEventListener('click', (event) => {
  const button = event.target.closest('[data-clear]')
  if (button) update(JSON.parse(button.dataset.clear))
  els.q.focus()
})

// Another page goes back to the top of the results, with focus on the list.
const turnPage = (offset) => {
  update({ offset: Math.max(0, offset) }, { resetOffset: false })
  $('results-top').scrollIntoView({ block: 'start' })
  els.results.focus({ preventScroll: true })
}
$('prev').addEventListener('click', () => turnPage(state.offset - state.k))
$('next').addEventListener('click', () => turnPage(state.offset + state.k))

$('copy-link').addEventListener('click', () => copyAndTell(new URL(pageAddress({ ...state, p: '' }), location.origin).href, 'Adresse de la recherche'))
$('export-csv').addEventListener('click', () => exportResults('csv', state, corpus).catch((error) => toast(error.message)))
$('export-json').addEventListener('click', () => exportResults('json', state, corpus).catch((error) => toast(error.message)))
$('print').addEventListener('click', () => window.print())

// Result actions, for the results list and the passage view alike; links inside the page change the state.
document.addEventListener('click', async (event) => {
  const target = event.target.closest('[data-act], [data-more], a[href^="/?"]')
  if (!target) return
  const article = target.closest('.hit')
  const act = target.dataset.act
  if (act === 'copy') {
    const hit = hitById(article.dataset.id)
    const format = copyFormats(hit.citation, shownText(hit)).find(([key]) => key === target.dataset.format)
    await copyAndTell(format[2], format[0].startsWith('quote') ? 'Citation' : 'Référence')
    target.closest('details.copy-more')?.removeAttribute('open')
  } else if (act === 'full') toggleFull(target, article)
  else if (act === 'source') {
    const hit = hitById(article.dataset.id)
    hit.showSource = !hit.showSource
    rerender(article).querySelector('[data-act="source"]').focus()
  } else if (act === 'variants' || act === 'similar') await togglePanel(article, act)
  else if (act === 'close') closePassage()
  else if (target.dataset.more) await moreContext(target)
  else if (target.matches('a[href^="/?"]') && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
    event.preventDefault()
    const next = readState(new URL(target.href).search)
    if (next.p && state.view === 'search') {
      if (!state.p) focusBefore = document.activeElement
      update({ p: next.p }, { resetOffset: false })
    } else {
      update(next)
      window.scrollTo({ top: 0 })
    }
  }
})

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && state.p && state.view === 'search') {
    event.preventDefault()
    return closePassage()
  }
  // `/` jumps to the search box from anywhere but a text field.
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return
  const field = event.target.closest?.('input, textarea, select, [contenteditable="true"]')
  if (field && !['checkbox', 'radio'].includes(field.type)) return
  event.preventDefault()
  if (state.view !== 'search') update({ view: 'search', read: '' })
  els.q.focus()
  els.q.select()
})

window.addEventListener('popstate', () => {
  state = readState(location.search)
  render()
})

// Narrow screens fold the filters and each passage's actions.
function fitWidth() {
  els.filters.open = !narrow.matches
  for (const actions of document.querySelectorAll('.hit details.actions')) actions.open = !narrow.matches
}
narrow.addEventListener('change', fitWidth)

async function start() {
  fitWidth()
  try {
    corpus = (await api('/documents')).documents
  } catch (error) {
    els.error.textContent = error.message
    els.error.hidden = false
  }
  fillYearSelects(corpus)
  render()
  if (state.view === 'search' && !state.q && !state.p) els.q.focus()
}

start()
