// One passage as a result: its citation, text (repaired or as scanned), where else it appears, and its actions.

import { copyFormats } from './citations.js'
import { adoptedNote, escapeHtml, KIND_BADGE, safeSnippet, yearOf } from './text.js'
import { passageAddress } from './state.js'

/** The hits on the page by id, for the actions (copy what is shown, switch to the scanned text). */
const shown = new Map()

export const hitById = (id) => shown.get(id)

/** Whether the narrow layout folds each passage's actions into a menu. */
export const narrow = window.matchMedia('(max-width: 820px)')

/** The text as shown: repaired unless the reader asked for the scan. */
export const shownText = (hit) => (hit.repaired && !hit.showSource ? hit.repaired.text : hit.text)
const shownSnippet = (hit) => (hit.repaired && !hit.showSource ? hit.repaired.snippet : hit.snippet)

function repairNote(hit) {
  if (!hit.repaired) return ''
  const n = hit.repaired.corrections.length
  const what = hit.showSource ? 'Texte tel que numérisé' : `Texte corrigé automatiquement (${n} erreur${n > 1 ? 's' : ''} de numérisation)`
  const button = hit.showSource ? 'voir le texte corrigé' : 'voir le texte numérisé'
  return `<p class="repair-note">${what} · <button type="button" class="link" data-act="source" aria-pressed="${hit.showSource ? 'true' : 'false'}">${button}</button></p>`
}

function copyMenu(hit) {
  const [first, ...others] = copyFormats(hit.citation, shownText(hit))
  return `<button type="button" data-act="copy" data-format="${first[0]}">Copier la référence</button>
    <details class="copy-more"><summary>Autres formats</summary><ul>${others
      .map(([key, label]) => `<li><button type="button" data-act="copy" data-format="${key}">${escapeHtml(label)}</button></li>`)
      .join('')}</ul></details>`
}

/** A hit's HTML. `heading`: its heading level; `full`: the whole text (the passage view) rather than a snippet. */
export function hitHtml(hit, { full = false, heading = 'h3' } = {}) {
  shown.set(hit.id, hit)
  const c = hit.citation
  const link = passageAddress(hit.id)
  const variants = hit.variants
  const also = variants?.also.length
    ? `<p class="also">Aussi dans : ${variants.also
        .map((v) => `<a href="${escapeHtml(passageAddress(v.id))}">${escapeHtml(v.label)}${v.year ? ` (${v.year})` : ''}</a>`)
        .join(' · ')}${variants.count - 1 > variants.also.length ? ` · et ${variants.count - 1 - variants.also.length} autres` : ''}</p>`
    : ''
  const text = escapeHtml(shownText(hit))
  const body = full ? `<p class="fulltext">${text}</p>` : `<p class="snippet">${safeSnippet(shownSnippet(hit))}</p><p class="fulltext" hidden>${text}</p>`
  const rank = hit.rank ? `<span class="rank" aria-hidden="true">${hit.rank}.</span>` : ''
  const headingId = `h-${hit.id.replace(/[^\w-]/g, '-')}${full ? '-view' : ''}`
  const adopted = adoptedNote(c)
  return `<article class="hit" data-id="${escapeHtml(hit.id)}" aria-labelledby="${headingId}">
    ${rank}<${heading} class="cite-heading" id="${headingId}"><a class="cite" href="${escapeHtml(link)}">${escapeHtml(c.label)}</a></${heading}>
    <p class="hit-meta"><span class="badge ${escapeHtml(hit.kind)}">${escapeHtml(KIND_BADGE[hit.kind] || hit.kind)}</span>
      <span class="year">${escapeHtml(yearOf(c))}</span>${adopted ? `<span class="adopted">${escapeHtml(adopted)}</span>` : ''}${
        c.section ? `<span class="section-path">${escapeHtml(c.section)}</span>` : ''
      }</p>
    ${body}
    ${repairNote(hit)}
    ${also}
    <details class="actions"${narrow.matches ? '' : ' open'}>
      <summary>Actions sur ce passage</summary>
      <div class="action-list">
        ${full ? '' : '<button type="button" data-act="full" aria-expanded="false">Texte intégral</button>'}
        ${copyMenu(hit)}
        <a class="button" data-act="link" href="${escapeHtml(link)}">Lien permanent</a>
        ${variants ? `<button type="button" data-act="variants" aria-expanded="false">Variantes au fil des années (${variants.count})</button>` : ''}
        <button type="button" data-act="similar" aria-expanded="false">Passages similaires</button>
      </div>
    </details>
    <div class="panel" data-panel="variants" hidden></div>
    <div class="panel" data-panel="similar" hidden></div>
  </article>`
}

/** Re-renders a hit where it stands (after switching between repaired and scanned text). */
export function rerender(article) {
  const hit = shown.get(article.dataset.id)
  const full = !article.querySelector('.snippet')
  const heading = article.querySelector('.cite-heading').tagName.toLowerCase()
  const expanded = article.querySelector('[data-act="full"]')?.getAttribute('aria-expanded') === 'true'
  const panels = [...article.querySelectorAll('.panel')]
  const wrapper = document.createElement('div')
  wrapper.innerHTML = hitHtml(hit, { full, heading })
  const fresh = wrapper.firstElementChild
  fresh.querySelectorAll('.panel').forEach((panel, i) => panel.replaceWith(panels[i]))
  article.replaceWith(fresh)
  if (expanded) toggleFull(fresh.querySelector('[data-act="full"]'), fresh)
  return fresh
}

export function toggleFull(button, article) {
  const open = button.getAttribute('aria-expanded') !== 'true'
  button.setAttribute('aria-expanded', String(open))
  button.textContent = open ? 'Extrait' : 'Texte intégral'
  article.querySelector('.snippet').hidden = open
  article.querySelector('.fulltext').hidden = !open
}
