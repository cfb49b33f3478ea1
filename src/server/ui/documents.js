// The documents: a list of every report with its details, and a reading view of one whole document with its
// section headings, each paragraph linkable (`/?read=<id>#p36`).

import { api } from './api.js'
import { anchorOf, passageAddress, readingAddress } from './state.js'
import { DOCUMENT_KINDS, escapeHtml, frenchDate, KIND_BADGE, plural, shortName } from './text.js'

const $ = (id) => document.getElementById(id)

export function renderDocumentList(corpus) {
  const view = $('documents-view')
  const rows = [...corpus]
    .sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999) || (a.id < b.id ? -1 : 1))
    .map(
      (doc) => `<li class="doc-card">
        <h3><a href="${escapeHtml(readingAddress(doc.id))}">${escapeHtml(shortName(doc))}</a></h3>
        <p class="doc-title">${escapeHtml(doc.title || doc.file)}</p>
        <dl class="doc-details">
          <div><dt>Cote</dt><dd>${doc.symbol ? escapeHtml(doc.symbol) : '<em>inconnue</em>'}</dd></div>
          <div><dt>Date</dt><dd>${escapeHtml(frenchDate(doc.date) || 'inconnue')}</dd></div>
          <div><dt>Réunion</dt><dd>${escapeHtml(doc.meeting || '—')}</dd></div>
          <div><dt>Nature</dt><dd>${escapeHtml(DOCUMENT_KINDS[doc.kind] || doc.kind)}</dd></div>
          <div><dt>Passages</dt><dd>${doc.passages.toLocaleString('fr-FR')}</dd></div>
        </dl>
        <p class="doc-links"><a class="button" href="${escapeHtml(readingAddress(doc.id))}">Lire</a>
          <a class="button" href="/?doc=${escapeHtml(encodeURIComponent(doc.id))}">Chercher dans ce document</a>
          ${doc.officialUrl ? `<a class="button" href="${escapeHtml(doc.officialUrl)}" rel="noopener" target="_blank">Document officiel <span class="visually-hidden">(undocs.org, nouvel onglet)</span></a>` : ''}</p>
      </li>`,
    )
  view.innerHTML = `<h2 id="view-title" tabindex="-1">Les documents</h2>
    <p>${plural(corpus.length, 'document', 'documents')}, ${plural(corpus.reduce((sum, d) => sum + d.passages, 0), 'passage', 'passages')}, du plus ancien au plus récent.</p>
    <ul class="doc-list">${rows.join('')}</ul>`
  document.title = 'Les documents — Recherche documentaire'
  $('view-title').focus({ preventScroll: true })
}

/** The whole document, headings where its sections change; scrolls to the paragraph the address names. */
export async function renderReading(docId) {
  const view = $('documents-view')
  view.innerHTML = '<p class="loading">Chargement du document…</p>'
  let doc
  try {
    doc = await api(`/documents/${encodeURIComponent(docId)}`)
  } catch (error) {
    view.innerHTML = `<h2 id="view-title" tabindex="-1">Document introuvable</h2><p class="error">${escapeHtml(error.message)}</p><p><a href="/?view=documents">Tous les documents</a></p>`
    return
  }
  const parts = []
  let path = []
  for (const p of doc.passages) {
    // Open the headings of the section path where it departs from the previous passage's.
    let same = 0
    while (same < path.length && same < p.section.length && path[same] === p.section[same]) same++
    for (let level = same; level < p.section.length; level++) {
      const tag = `h${Math.min(3 + level, 6)}`
      parts.push(`<${tag} class="doc-heading">${escapeHtml(p.section[level])}</${tag}>`)
    }
    path = p.section
    const anchor = anchorOf(p.id)
    const number = p.paragraph ? (/^\d+$/.test(p.paragraph) ? `${p.paragraph}.` : p.paragraph) : ''
    const text = p.repaired?.text ?? p.text
    parts.push(`<div class="reading-para${p.kind === 'recommendation' ? ' rec' : ''}" id="${escapeHtml(anchor)}">
      <a class="para-link" href="#${escapeHtml(anchor)}" aria-label="Lien vers ${escapeHtml(p.label)}">${escapeHtml(number || '¶')}</a>
      <p>${escapeHtml(text)}</p>
      <p class="para-tools"><span class="badge ${escapeHtml(p.kind)}">${escapeHtml(KIND_BADGE[p.kind])}</span>
        <a href="${escapeHtml(passageAddress(p.id))}">Citer, variantes, similaires</a>${p.repaired ? ' <span class="repaired-mark">corrigé automatiquement</span>' : ''}</p>
    </div>`)
  }
  view.innerHTML = `<nav class="crumbs" aria-label="Fil d’Ariane"><a href="/?view=documents">Documents</a> › ${escapeHtml(shortName(doc))}</nav>
    <h2 id="view-title" tabindex="-1">${escapeHtml(shortName(doc))}</h2>
    <p class="doc-title">${escapeHtml(doc.title)}</p>
    <dl class="doc-details">
      <div><dt>Cote</dt><dd>${doc.symbol ? escapeHtml(doc.symbol) : '<em>inconnue</em>'}</dd></div>
      <div><dt>Date</dt><dd>${escapeHtml(frenchDate(doc.date) || 'inconnue')}</dd></div>
      <div><dt>Réunion</dt><dd>${escapeHtml(doc.meeting || '—')}</dd></div>
      <div><dt>Nature</dt><dd>${escapeHtml(DOCUMENT_KINDS[doc.kind] || doc.kind)}</dd></div>
    </dl>
    ${doc.officialUrl ? `<p><a class="button" href="${escapeHtml(doc.officialUrl)}" rel="noopener" target="_blank">Document officiel (undocs.org) <span class="visually-hidden">(nouvel onglet)</span></a></p>` : ''}
    <article class="reading" aria-labelledby="view-title">${parts.join('\n')}</article>`
  document.title = `${shortName(doc)} — Recherche documentaire`
  const target = location.hash ? document.getElementById(location.hash.slice(1)) : null
  if (target) {
    target.classList.add('target')
    target.scrollIntoView({ block: 'start' })
    target.querySelector('.para-link').focus({ preventScroll: true })
  } else $('view-title').focus({ preventScroll: true })
}
