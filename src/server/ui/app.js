// The search page: reads its state from the address (?q=…&mode=…&p=<passage id>), asks the API of the same
// server, and renders results, facets, variants and similar passages. Plain DOM, no framework, no inline code.
'use strict'

const PAGE_SIZE = 20
const EXPORT_LIMIT = 1000
const KINDS = [
  ['recommendation', 'Recommandations'],
  ['deliberation', 'Délibérations'],
  ['narrative', 'Texte introductif ou descriptif'],
]
const KIND_BADGE = { recommendation: 'Recommandation', deliberation: 'Délibération', narrative: 'Texte' }
const MODE_HELP = {
  hybrid: 'Hybride : mots-clés et proximité de sens réunis — le meilleur point de départ.',
  keyword: 'Mots-clés : les passages qui contiennent vos mots (formes fléchies et coquilles comprises), classés BM25.',
  semantic: 'Sémantique : les passages proches par le sens, même sans vos mots exacts.',
}

const $ = (id) => document.getElementById(id)
const els = {
  form: $('search'), q: $('q'), modeHelp: $('mode-help'), histogram: $('histogram'), yearFrom: $('yearFrom'), yearTo: $('yearTo'),
  documents: $('documents'), kinds: $('kinds'), prefer: $('prefer'), collapse: $('collapse'), clear: $('clear'), filters: $('filters'),
  status: $('status'), exports: $('exports'), error: $('error'), results: $('results'), pager: $('pager'), prev: $('prev'),
  next: $('next'), pageInfo: $('page-info'), welcome: $('welcome'), passage: $('passage'), semanticNote: $('semantic-note'), toast: $('toast'),
}

/** Documents of the corpus, from /documents: labels for the filters, years for the histogram. */
let corpus = []
let state = readState(location.search)
let lastResponse = null
let lastSearch = ''
let searchToken = 0

// ---------------------------------------------------------------- state and address

function readState(search) {
  const params = new URLSearchParams(search)
  const year = (name) => (/^\d{4}$/.test(params.get(name) || '') ? Number(params.get(name)) : null)
  return {
    q: params.get('q') || '',
    mode: ['hybrid', 'keyword', 'semantic'].includes(params.get('mode')) ? params.get('mode') : 'hybrid',
    yearFrom: year('yearFrom'),
    yearTo: year('yearTo'),
    doc: params.getAll('doc').filter(Boolean),
    kind: params.getAll('kind').filter((k) => KINDS.some(([value]) => value === k)),
    prefer: params.get('prefer') === 'recommendation',
    collapse: params.get('collapse') !== '0',
    offset: Math.max(0, Number(params.get('offset')) || 0),
    p: params.get('p') || '',
  }
}

function pageAddress(s) {
  const params = new URLSearchParams()
  if (s.q) params.set('q', s.q)
  if (s.mode !== 'hybrid') params.set('mode', s.mode)
  if (s.yearFrom !== null) params.set('yearFrom', String(s.yearFrom))
  if (s.yearTo !== null) params.set('yearTo', String(s.yearTo))
  for (const d of s.doc) params.append('doc', d)
  for (const k of s.kind) params.append('kind', k)
  if (s.prefer) params.set('prefer', 'recommendation')
  if (!s.collapse) params.set('collapse', '0')
  if (s.offset) params.set('offset', String(s.offset))
  if (s.p) params.set('p', s.p)
  const query = params.toString()
  return query ? `/?${query}` : '/'
}

function apiSearchAddress(s, k = PAGE_SIZE, offset = s.offset) {
  const params = new URLSearchParams({ q: s.q, mode: s.mode, k: String(k), offset: String(offset) })
  if (s.yearFrom !== null) params.set('yearFrom', String(s.yearFrom))
  if (s.yearTo !== null) params.set('yearTo', String(s.yearTo))
  for (const d of s.doc) params.append('doc', d)
  for (const kind of s.kind) params.append('kind', kind)
  if (s.prefer) params.set('prefer', 'recommendation')
  if (s.collapse) params.set('collapse', 'true')
  return `/search?${params}`
}

/** Changes the state, records it in the address (a new history entry unless `replace`) and renders it. */
function update(changes, { replace = false, resetOffset = true } = {}) {
  state = { ...state, ...(resetOffset ? { offset: 0 } : {}), ...changes }
  const address = pageAddress(state)
  if (address !== location.pathname + location.search) history[replace ? 'replaceState' : 'pushState'](null, '', address)
  render()
}

// ---------------------------------------------------------------- helpers

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])

// The API escapes the snippet's text itself and adds only <mark>; anything else that looks like a tag is neutralised.
const safeSnippet = (html) => String(html).replace(/<(?!\/?mark>)/g, '&lt;')

async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } })
  const body = await response.json().catch(() => null)
  if (!response.ok) throw new Error(body?.error?.message || `Erreur ${response.status}`)
  return body
}

// A document's name in the filters: its symbol, else the head of its title (« Rapport de la réunion »).
function documentLabel(doc) {
  if (doc.symbol) return doc.symbol
  const title = doc.title || doc.file
  const cut = title.search(/ du Groupe de travail| tenue | : /)
  const head = cut > 10 ? title.slice(0, cut) : title
  return head.length > 48 ? `${head.slice(0, 45).trimEnd()}…` : head
}

const yearOf = (citation) => (citation.year === null || citation.year === undefined ? '' : String(citation.year))
const plural = (n, one, many) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`

let toastTimer = 0
function toast(message) {
  els.toast.textContent = message
  els.toast.hidden = false
  clearTimeout(toastTimer)
  toastTimer = setTimeout(() => (els.toast.hidden = true), 2600)
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // Older browsers, or a page not allowed to use the clipboard API: a selected textarea and the copy command.
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.className = 'visually-hidden'
    document.body.append(area)
    area.select()
    let copied = false
    try {
      copied = document.execCommand('copy')
    } catch {
      copied = false
    }
    area.remove()
    return copied
  }
}

// ---------------------------------------------------------------- rendering

function render() {
  els.q.value = state.q
  for (const radio of els.form.elements.mode) radio.checked = radio.value === state.mode
  els.modeHelp.textContent = MODE_HELP[state.mode]
  els.prefer.checked = state.prefer
  els.collapse.checked = state.collapse
  els.yearFrom.value = state.yearFrom === null ? '' : String(state.yearFrom)
  els.yearTo.value = state.yearTo === null ? '' : String(state.yearTo)
  document.title = state.q ? `${state.q} — Recherche documentaire` : 'Recherche — Groupe de travail sur le trafic illicite de migrants'
  renderPassageView()
  if (state.q) {
    // Opening a passage keeps the results as they are.
    if (apiSearchAddress(state) !== lastSearch || !lastResponse) runSearch()
  } else {
    lastSearch = ''
    lastResponse = null
    els.results.replaceChildren()
    els.status.textContent = ''
    els.exports.hidden = true
    els.pager.hidden = true
    els.error.hidden = true
    els.welcome.hidden = Boolean(state.p)
    renderFacets(null)
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
    const response = await api(apiSearchAddress(state))
    if (token !== searchToken) return
    lastResponse = response
    renderResults(response)
    renderFacets(response.facets)
    els.semanticNote.textContent = semanticNote(response.semantic)
  } catch (error) {
    if (token !== searchToken) return
    lastResponse = null
    lastSearch = ''
    els.results.replaceChildren()
    els.status.textContent = ''
    els.exports.hidden = true
    els.pager.hidden = true
    els.error.textContent = error.message
    els.error.hidden = false
  } finally {
    if (token === searchToken) els.results.removeAttribute('aria-busy')
  }
}

function semanticNote(semantic) {
  if (!semantic) return ''
  if (semantic.dense) return `Recherche sémantique : modèle ${semantic.model}, n-grammes de caractères et traduction anglais→français.`
  return 'Recherche sémantique : n-grammes de caractères et traduction anglais→français (aucun modèle de plongements installé).'
}

function renderResults(response) {
  const { total, results, offset } = response
  if (total === 0) {
    els.status.innerHTML = `Aucun passage ne correspond à <strong>${escapeHtml(response.query)}</strong>.`
    els.results.replaceChildren()
    els.exports.hidden = true
    els.pager.hidden = true
    return
  }
  // Passages before grouping: the kind facet's counts of the kinds the filter keeps (all of them without a filter).
  const passages = response.facets.kind.filter((k) => !state.kind.length || state.kind.includes(k.value)).reduce((sum, k) => sum + k.count, 0)
  const grouped = state.collapse && passages > total ? ` (${plural(passages, 'passage', 'passages')} avant regroupement des variantes)` : ''
  const noun = state.collapse ? ['résultat', 'résultats'] : ['passage', 'passages']
  els.status.innerHTML = `<strong>${plural(total, ...noun)}</strong>${escapeHtml(grouped)}${
    state.prefer ? ' · recommandations d’abord' : ''
  }`
  els.exports.hidden = false
  els.results.innerHTML = results.map((hit) => hitHtml(hit)).join('')
  const last = offset + results.length
  els.pager.hidden = total <= PAGE_SIZE
  els.pageInfo.textContent = `${offset + 1}–${last} sur ${total.toLocaleString('fr-FR')}`
  els.prev.disabled = offset === 0
  els.next.disabled = last >= total
}

function hitHtml(hit, { showFull = false, heading = 'h2' } = {}) {
  const c = hit.citation
  const link = pageAddress({ ...readState(''), p: hit.id })
  const variants = hit.variants
  const also = variants?.also.length
    ? `<p class="also">Aussi dans : ${variants.also
        .map((v) => `<a href="${escapeHtml(pageAddress({ ...readState(''), p: v.id }))}">${escapeHtml(v.label)}${v.year ? ` (${v.year})` : ''}</a>`)
        .join(' · ')}${variants.count - 1 > variants.also.length ? ` · et ${variants.count - 1 - variants.also.length} autres` : ''}</p>`
    : ''
  const body = showFull
    ? `<p class="fulltext">${escapeHtml(hit.text)}</p>`
    : `<p class="snippet">${safeSnippet(hit.snippet)}</p><p class="fulltext" hidden>${escapeHtml(hit.text)}</p>`
  const rank = hit.rank ? `<span class="rank">${hit.rank}.</span>` : ''
  return `<article class="hit" data-id="${escapeHtml(hit.id)}" data-label="${escapeHtml(c.label)}">
    ${rank}<${heading} class="cite-heading"><a class="cite" href="${escapeHtml(link)}">${escapeHtml(c.label)}</a></${heading}>
    <p class="hit-meta"><span class="badge ${escapeHtml(hit.kind)}">${escapeHtml(KIND_BADGE[hit.kind] || hit.kind)}</span>
      <span class="year">${escapeHtml(yearOf(c))}</span>${c.section ? `<span class="section-path">${escapeHtml(c.section)}</span>` : ''}</p>
    ${body}
    ${also}
    <div class="actions">
      ${showFull ? '' : '<button type="button" data-act="full" aria-expanded="false">Texte intégral</button>'}
      <button type="button" data-act="copy">Copier la citation</button>
      <a class="button" data-act="link" href="${escapeHtml(link)}">Lien permanent</a>
      ${variants ? `<button type="button" data-act="variants" aria-expanded="false">Variantes au fil des années (${variants.count})</button>` : ''}
      <button type="button" data-act="similar" aria-expanded="false">Passages similaires</button>
    </div>
    <div class="panel" data-panel="variants" hidden></div>
    <div class="panel" data-panel="similar" hidden></div>
  </article>`
}

function renderFacets(facets) {
  renderHistogram(facets)
  const docCounts = new Map((facets?.document || []).map((d) => [d.value, d.count]))
  els.documents.innerHTML = [...corpus]
    .sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999) || (a.id < b.id ? -1 : 1))
    .map((doc) => {
      const count = docCounts.get(doc.id) || 0
      const checked = state.doc.includes(doc.id)
      const title = `${doc.title || doc.file}${doc.year ? ` (${doc.year})` : ''}`
      return `<label class="check${facets && !count ? ' empty' : ''}" title="${escapeHtml(title)}">
        <input type="checkbox" name="doc" value="${escapeHtml(doc.id)}"${checked ? ' checked' : ''}>
        <span class="label">${escapeHtml(documentLabel(doc))} <small>${escapeHtml(doc.year ?? '')}</small></span>
        ${facets ? `<span class="count">${count}</span>` : ''}
      </label>`
    })
    .join('')
  const kindCounts = new Map((facets?.kind || []).map((k) => [k.value, k.count]))
  els.kinds.innerHTML = KINDS.map(([value, label]) => {
    const count = kindCounts.get(value) || 0
    return `<label class="check${facets && !count ? ' empty' : ''}">
      <input type="checkbox" name="kind" value="${value}"${state.kind.includes(value) ? ' checked' : ''}>
      <span class="label">${escapeHtml(label)}</span>
      ${facets ? `<span class="count">${count}</span>` : ''}
    </label>`
  }).join('')
}

function corpusYears() {
  return [...new Set(corpus.map((d) => d.year).filter((y) => y !== null))].sort((a, b) => a - b)
}

function renderHistogram(facets) {
  els.histogram.hidden = !facets
  const counts = new Map((facets?.year || []).map((y) => [y.value, y.count]))
  const years = corpusYears()
  const max = Math.max(1, ...counts.values())
  els.histogram.replaceChildren(
    ...years.map((year) => {
      const count = counts.get(year) || 0
      const inRange = (state.yearFrom === null || year >= state.yearFrom) && (state.yearTo === null || year <= state.yearTo)
      const only = state.yearFrom === year && state.yearTo === year
      const bar = document.createElement('button')
      bar.type = 'button'
      bar.className = `bar${only ? ' selected' : ''}${inRange ? '' : ' out'}`
      bar.dataset.year = String(year)
      bar.setAttribute('aria-pressed', String(only))
      bar.setAttribute('aria-label', `${year} : ${plural(count, 'passage', 'passages')}${only ? ' (filtre actif, cliquer pour l’enlever)' : ''}`)
      bar.title = `${year} : ${plural(count, 'passage', 'passages')}`
      const n = document.createElement('span')
      n.className = 'n'
      n.textContent = facets ? String(count) : ''
      const fill = document.createElement('span')
      fill.className = 'fill'
      // Set through the CSSOM: the Content-Security-Policy forbids inline style attributes, not this.
      fill.style.height = `${Math.round((count / max) * 62)}px`
      const label = document.createElement('span')
      label.className = 'y'
      label.textContent = String(year)
      bar.append(n, fill, label)
      return bar
    }),
  )
}

function fillYearSelects() {
  const options = corpusYears().map((y) => `<option value="${y}">${y}</option>`).join('')
  els.yearFrom.innerHTML = `<option value="">—</option>${options}`
  els.yearTo.innerHTML = `<option value="">—</option>${options}`
}

// ---------------------------------------------------------------- one passage: permalink view, variants, similar

async function renderPassageView() {
  if (!state.p) {
    els.passage.hidden = true
    els.passage.replaceChildren()
    return
  }
  const id = state.p
  els.passage.hidden = false
  els.passage.innerHTML = '<p class="loading">Chargement du passage…</p>'
  try {
    const p = await api(`/passages/${encodeURIComponent(id)}`)
    if (state.p !== id) return
    const variants = await api(`/passages/${encodeURIComponent(id)}/variants`)
    const summary = variants.group ? { count: variants.variants.length, also: [] } : undefined
    const hit = { id: p.id, text: p.text, snippet: '', citation: p.citation, kind: p.kind, variants: summary }
    const nav = (target, text) => (target ? `<a href="${escapeHtml(pageAddress({ ...state, p: target }))}" data-nav>${text}</a>` : '<span></span>')
    els.passage.innerHTML = `<h2>Passage</h2>${hitHtml(hit, { showFull: true, heading: 'h3' })}
      <div class="passage-nav">${nav(p.previous, '← Paragraphe précédent')}${nav(p.next, 'Paragraphe suivant →')}</div>`
    if (variants.group) await togglePanel(els.passage.querySelector('.hit'), 'variants')
  } catch (error) {
    els.passage.innerHTML = `<p class="error">${escapeHtml(error.message)}</p>`
  }
}

async function togglePanel(article, name) {
  const panel = article.querySelector(`[data-panel="${name}"]`)
  const button = article.querySelector(`[data-act="${name}"]`)
  const open = panel.hidden
  panel.hidden = !open
  button?.setAttribute('aria-expanded', String(open))
  if (!open || panel.dataset.loaded) return
  panel.innerHTML = '<p class="loading">Chargement…</p>'
  try {
    panel.innerHTML = name === 'variants' ? await variantsHtml(article.dataset.id) : await similarHtml(article.dataset.id)
    panel.dataset.loaded = 'true'
  } catch (error) {
    panel.innerHTML = `<p class="error">${escapeHtml(error.message)}</p>`
  }
}

async function variantsHtml(id) {
  const { variants } = await api(`/passages/${encodeURIComponent(id)}/variants`)
  const items = variants.map((v, i) => {
    const head = `<div class="variant-head"><span class="year">${escapeHtml(yearOf(v.citation))}</span>
      <a href="${escapeHtml(pageAddress({ ...readState(''), p: v.id }))}">${escapeHtml(v.citation.label)}</a></div>`
    let text
    if (i === 0) text = `<p>${escapeHtml(v.text)}</p>`
    else if (v.changes.length === 0) {
      text = `<p>${escapeHtml(v.text)}</p><p class="unchanged">Même texte que la version précédente (seules l’OCR, les accents ou la ponctuation diffèrent).</p>`
    } else text = `<p>${diffHtml(v.diff)}</p>`
    return `<div class="variant${v.id === id ? ' current' : ''}">${head}${text}</div>`
  })
  return `<h3>Variantes au fil des années</h3>
    <p class="diff-legend">Chaque version est comparée à la précédente : <ins>mots ajoutés</ins> <del>mots supprimés</del></p>${items.join('')}`
}

function diffHtml(segments) {
  return segments
    .map((segment, i) => {
      const text = escapeHtml(segment.text)
      if (segment.op === 'insert') return `<ins>${text}</ins>`
      if (segment.op !== 'delete') return text
      // A deletion sits between words of the newer text: keep a space on its right when the next word follows.
      const next = segments[i + 1]
      return `<del>${text}</del>${next && /^[\p{L}\p{N}«“(]/u.test(next.text) ? ' ' : ''}`
    })
    .join('')
}

async function similarHtml(id) {
  const { results } = await api(`/passages/${encodeURIComponent(id)}/similar?k=5`)
  if (!results.length) return '<h3>Passages similaires</h3><p>Aucun.</p>'
  const items = results.map((hit) => {
    const text = hit.text.length > 260 ? `${hit.text.slice(0, 257).trimEnd()}…` : hit.text
    return `<li><a href="${escapeHtml(pageAddress({ ...readState(''), p: hit.id }))}">${escapeHtml(hit.citation.label)}</a>
      <span class="meta">${escapeHtml(yearOf(hit.citation))} · ${escapeHtml(KIND_BADGE[hit.kind] || hit.kind)}</span><p>${escapeHtml(text)}</p></li>`
  })
  return `<h3>Passages similaires (par les mots et par le sens, hors variantes)</h3><ul class="similar-list">${items.join('')}</ul>`
}

// ---------------------------------------------------------------- export

async function exportResults(format) {
  if (!state.q) return
  const hits = []
  let total = Infinity
  for (let offset = 0; offset < Math.min(total, EXPORT_LIMIT); offset += 100) {
    const page = await api(apiSearchAddress(state, 100, offset))
    total = page.total
    hits.push(...page.results)
  }
  const rows = hits.map((hit) => ({
    rang: hit.rank,
    citation: hit.citation.label,
    annee: hit.citation.year,
    symbole: hit.citation.symbol,
    document: hit.citation.title,
    fichier: hit.citation.file,
    paragraphe: hit.citation.paragraph,
    section: hit.citation.section,
    type: hit.kind,
    texte: hit.text,
    id: hit.id,
    lien: new URL(pageAddress({ ...readState(''), p: hit.id }), location.origin).href,
  }))
  const name = `recherche-${state.q.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40) || 'resultats'}`
  if (format === 'json') {
    download(`${name}.json`, 'application/json', JSON.stringify({ query: state.q, mode: state.mode, total, exported: rows.length, results: rows }, null, 2))
  } else {
    download(`${name}.csv`, 'text/csv;charset=utf-8', csv(rows))
  }
  toast(`${plural(rows.length, 'passage exporté', 'passages exportés')}${total > rows.length ? ` (sur ${total})` : ''}.`)
}

/** RFC 4180 CSV with a byte-order mark so that Excel reads UTF-8: every field quoted, quotes doubled, CRLF. */
function csv(rows) {
  if (!rows.length) return '\ufeff'
  const columns = Object.keys(rows[0])
  const field = (value) => `"${String(value ?? '').replace(/"/g, '""')}"`
  return '\ufeff' + [columns.map(field).join(','), ...rows.map((row) => columns.map((c) => field(row[c])).join(','))].join('\r\n') + '\r\n'
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

// ---------------------------------------------------------------- events

els.form.addEventListener('submit', (event) => {
  event.preventDefault()
  const q = els.q.value.trim()
  if (!q) {
    els.q.focus()
    return
  }
  update({ q, p: '' })
})

els.form.addEventListener('change', (event) => {
  if (event.target.name === 'mode') update({ mode: event.target.value })
})

els.yearFrom.addEventListener('change', () => {
  const from = els.yearFrom.value ? Number(els.yearFrom.value) : null
  update({ yearFrom: from, yearTo: state.yearTo !== null && from !== null && state.yearTo < from ? from : state.yearTo })
})
els.yearTo.addEventListener('change', () => {
  const to = els.yearTo.value ? Number(els.yearTo.value) : null
  update({ yearTo: to, yearFrom: state.yearFrom !== null && to !== null && state.yearFrom > to ? to : state.yearFrom })
})

els.histogram.addEventListener('click', (event) => {
  const bar = event.target.closest('.bar')
  if (!bar) return
  const year = Number(bar.dataset.year)
  const only = state.yearFrom === year && state.yearTo === year
  update(only ? { yearFrom: null, yearTo: null } : { yearFrom: year, yearTo: year })
})

els.documents.addEventListener('change', () => {
  update({ doc: [...els.documents.querySelectorAll('input:checked')].map((input) => input.value) })
})
els.kinds.addEventListener('change', () => {
  update({ kind: [...els.kinds.querySelectorAll('input:checked')].map((input) => input.value) })
})
els.prefer.addEventListener('change', () => update({ prefer: els.prefer.checked }))
els.collapse.addEventListener('change', () => update({ collapse: els.collapse.checked }))
els.clear.addEventListener('click', () => update({ yearFrom: null, yearTo: null, doc: [], kind: [], prefer: false }))

els.prev.addEventListener('click', () => {
  update({ offset: Math.max(0, state.offset - PAGE_SIZE) }, { resetOffset: false })
  els.results.focus()
})
els.next.addEventListener('click', () => {
  update({ offset: state.offset + PAGE_SIZE }, { resetOffset: false })
  els.results.focus()
})

$('export-csv').addEventListener('click', () => exportResults('csv').catch((error) => toast(error.message)))
$('export-json').addEventListener('click', () => exportResults('json').catch((error) => toast(error.message)))

// Result actions, for the results list and the passage view alike.
document.addEventListener('click', async (event) => {
  const target = event.target.closest('[data-act], a[href^="/?"]')
  if (!target) return
  const article = target.closest('.hit')
  const act = target.dataset.act
  if (act === 'copy') {
    const label = article.dataset.label
    toast((await copyText(label)) ? `Citation copiée : ${label}` : `Copiez la citation : ${label}`)
  } else if (act === 'full') {
    const open = target.getAttribute('aria-expanded') !== 'true'
    target.setAttribute('aria-expanded', String(open))
    target.textContent = open ? 'Extrait' : 'Texte intégral'
    article.querySelector('.snippet').hidden = open
    article.querySelector('.fulltext').hidden = !open
  } else if (act === 'variants' || act === 'similar') {
    await togglePanel(article, act)
  } else if (target.matches('a[href^="/?"]') && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
    // Links inside the page (permalinks, examples) change the state without reloading.
    event.preventDefault()
    const next = readState(new URL(target.href).search)
    update(next.p ? { ...state, p: next.p } : next, { resetOffset: !next.p })
    if (next.p) window.scrollTo({ top: 0, behavior: 'smooth' })
  }
})

// `/` jumps to the search box from anywhere but a text field.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return
  const field = event.target.closest?.('input, textarea, select, [contenteditable="true"]')
  if (field && !['checkbox', 'radio'].includes(field.type)) return
  event.preventDefault()
  els.q.focus()
  els.q.select()
})

window.addEventListener('popstate', () => {
  state = readState(location.search)
  render()
})

// ---------------------------------------------------------------- start

async function start() {
  const narrow = window.matchMedia('(max-width: 820px)')
  els.filters.open = !narrow.matches
  narrow.addEventListener('change', () => (els.filters.open = !narrow.matches))
  try {
    corpus = (await api('/documents')).documents
  } catch (error) {
    els.error.textContent = `Le serveur ne répond pas : ${error.message}`
    els.error.hidden = false
  }
  fillYearSelects()
  render()
  if (!state.q && !state.p) els.q.focus()
}

start()
