// One passage in context: its document's details, the paragraphs around it, its wording over the years and
// passages like it. Opened from a permalink (`/?p=<id>`); closed with its button or Escape.

import { api } from './api.js'
import { hitHtml } from './hit.js'
import { passageAddress, readingAddress } from './state.js'
import { DOCUMENT_KINDS, escapeHtml, frenchDate, KIND_BADGE, shortName, yearOf } from './text.js'

const $ = (id) => document.getElementById(id)
/** Paragraphs shown on each side at first, and added by each "more". */
const CONTEXT = 2

let documents = new Map()

async function documentOf(docId) {
  if (!documents.has(docId)) documents.set(docId, api(`/documents/${encodeURIComponent(docId)}`))
  return documents.get(docId)
}

/** Forgets the documents read (after an index reload, say). */
export const forgetDocuments = () => (documents = new Map())

function detailsHtml(doc, citation) {
  const rows = [
    ['Document', doc.symbol ? `<span class="symbol">${escapeHtml(doc.symbol)}</span>` : '<em>sans cote connue</em>'],
    ['Titre', escapeHtml(doc.title || doc.file)],
    ['Date', escapeHtml(frenchDate(doc.date) || 'inconnue')],
    ['Réunion', escapeHtml(doc.meeting || '—')],
    ['Nature', escapeHtml(DOCUMENT_KINDS[doc.kind] || doc.kind)],
    ['Section', escapeHtml(citation.section || '—')],
  ]
  if (citation.page) rows.push(['Page', escapeHtml(citation.page)])
  if (citation.adopted) rows.push(['Adoptée en', escapeHtml(String(citation.adopted))])
  const official = doc.officialUrl
    ? `<a class="button" href="${escapeHtml(doc.officialUrl)}" rel="noopener" target="_blank">Document officiel (undocs.org) <span class="visually-hidden">(nouvel onglet)</span></a>`
    : ''
  return `<dl class="doc-details">${rows.map(([term, value]) => `<div><dt>${term}</dt><dd>${value}</dd></div>`).join('')}</dl>
    <p class="doc-links">${official}<a class="button" href="${escapeHtml(readingAddress(doc.id, citation.id))}">Lire le document entier</a></p>`
}

function contextHtml(passages, at, before, after) {
  const item = (p) =>
    `<li class="context-item${p.kind === 'recommendation' ? ' rec' : ''}"><a class="para" href="${escapeHtml(passageAddress(p.id))}">${escapeHtml(p.label.split(', ').slice(1).join(', ') || '¶')}</a> ${escapeHtml(p.text)}</li>`
  const head = passages.slice(Math.max(0, at - before), at)
  const tail = passages.slice(at + 1, at + 1 + after)
  const more = (side, n) => (n > 0 ? `<button type="button" class="link" data-more="${side}">${n > 1 ? `${Math.min(n, CONTEXT * 2)} paragraphes` : '1 paragraphe'} de plus ${side === 'before' ? 'avant' : 'après'}</button>` : '')
  return `${more('before', at - before)}<ol class="context before">${head.map(item).join('')}</ol>
    <p class="context-here">— le passage —</p>
    <ol class="context after">${tail.map(item).join('')}</ol>${more('after', passages.length - at - 1 - after)}`
}

/** Shows the passage of `state.p`, focused, with its document and neighbours. Resolves once it is shown. */
export async function renderPassageView(state) {
  const view = $('passage')
  if (!state.p) {
    view.hidden = true
    view.replaceChildren()
    return
  }
  const id = state.p
  view.hidden = false
  view.innerHTML = '<p class="loading">Chargement du passage…</p>'
  try {
    const p = await api(`/passages/${encodeURIComponent(id)}`)
    if (readCurrent() !== id) return
    const [variants, doc] = await Promise.all([api(`/passages/${encodeURIComponent(id)}/variants`), documentOf(p.docId)])
    if (readCurrent() !== id) return
    const summary = variants.group ? { count: variants.variants.length, also: [] } : undefined
    const hit = { id: p.id, text: p.text, snippet: '', citation: { ...p.citation, id: p.id }, kind: p.kind, variants: summary, repaired: p.repaired }
    const at = doc.passages.findIndex((other) => other.id === id)
    const nav = (target, text) => (target ? `<a href="${escapeHtml(passageAddress(target))}">${text}</a>` : '<span></span>')
    view.innerHTML = `<div class="view-head"><h2 id="passage-title" tabindex="-1">Passage : ${escapeHtml(p.citation.label)}</h2>
        <button type="button" class="close" data-act="close" aria-label="Fermer le passage (Échap)">Fermer ×</button></div>
      ${hitHtml(hit, { full: true, heading: 'h3' })}
      <section class="in-document" aria-labelledby="doc-title"><h3 id="doc-title">Dans le document : ${escapeHtml(shortName(doc))}</h3>
        ${detailsHtml(doc, { ...p.citation, id: p.id })}
        <h4>Paragraphes voisins</h4><div class="context-box" data-at="${at}" data-before="${CONTEXT}" data-after="${CONTEXT}">${at >= 0 ? contextHtml(doc.passages, at, CONTEXT, CONTEXT) : ''}</div>
      </section>
      <nav class="passage-nav" aria-label="Paragraphes">${nav(p.previous, '← Paragraphe précédent')}${nav(p.next, 'Paragraphe suivant →')}</nav>`
    document.title = `${p.citation.label} — Recherche documentaire`
    const title = $('passage-title')
    title.focus({ preventScroll: true })
    view.scrollIntoView({ block: 'start' })
    if (variants.group) await togglePanel(view.querySelector('.hit'), 'variants')
  } catch (error) {
    view.innerHTML = `<div class="view-head"><h2 id="passage-title" tabindex="-1">Passage introuvable</h2><button type="button" class="close" data-act="close">Fermer ×</button></div><p class="error">${escapeHtml(error.message)}</p>`
  }
}

const readCurrent = () => new URLSearchParams(location.search).get('p') || ''

/** Shows more paragraphs around the passage. */
export async function moreContext(button) {
  const box = button.closest('.context-box')
  const doc = await documentOf(readCurrent().slice(0, readCurrent().lastIndexOf('.')))
  const side = button.dataset.more
  box.dataset[side] = String(Number(box.dataset[side]) + CONTEXT * 2)
  box.innerHTML = contextHtml(doc.passages, Number(box.dataset.at), Number(box.dataset.before), Number(box.dataset.after))
  box.querySelector(`.context.${side} li`)?.setAttribute('tabindex', '-1')
  box.querySelector(`.context.${side} li`)?.focus()
}

export async function togglePanel(article, name) {
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
    const adopted = v.citation.adopted && v.citation.adopted !== v.citation.year ? ` (adoptée en ${v.citation.adopted})` : ''
    const head = `<div class="variant-head"><span class="year">${escapeHtml(yearOf(v.citation))}</span>
      <a href="${escapeHtml(passageAddress(v.id))}">${escapeHtml(v.citation.label)}</a>${escapeHtml(adopted)}</div>`
    let text
    if (i === 0) text = `<p>${escapeHtml(v.text)}</p>`
    else if (v.changes.length === 0) {
      text = `<p>${escapeHtml(v.text)}</p><p class="unchanged">Même texte que la version précédente (seules l’OCR, les accents ou la ponctuation diffèrent).</p>`
    } else text = `<p>${diffHtml(v.diff)}</p>`
    return `<div class="variant${v.id === id ? ' current' : ''}">${head}${text}</div>`
  })
  return `<h4>Variantes au fil des années</h4>
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
  if (!results.length) return '<h4>Passages similaires</h4><p>Aucun.</p>'
  const items = results.map((hit) => {
    const shown = hit.repaired?.text ?? hit.text
    const text = shown.length > 260 ? `${shown.slice(0, 257).trimEnd()}…` : shown
    return `<li><a href="${escapeHtml(passageAddress(hit.id))}">${escapeHtml(hit.citation.label)}</a>
      <span class="meta">${escapeHtml(yearOf(hit.citation))} · ${escapeHtml(KIND_BADGE[hit.kind] || hit.kind)}</span><p>${escapeHtml(text)}</p></li>`
  })
  return `<h4>Passages similaires (par les mots et par le sens, hors variantes)</h4><ul class="similar-list">${items.join('')}</ul>`
}

