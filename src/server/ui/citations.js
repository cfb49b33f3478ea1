// What a drafter pastes: the reference alone, or the quoted text with its reference, with the page where known.

/** The reference without the page (`CTOC/COP/WG.7/2015/5, par. 36`), whatever the label carries. */
export function reference(citation) {
  const suffix = citation.page ? `, p. ${citation.page}` : ''
  return suffix && citation.label.endsWith(suffix) ? citation.label.slice(0, -suffix.length) : citation.label
}

/** The reference with the page (`…, par. 36, p. 9`), or null when the page is not known. */
export const referenceWithPage = (citation) => (citation.page ? `${reference(citation)}, p. ${citation.page}` : null)

/** « text » (reference): the shown text, in French quotation marks with non-breaking spaces. */
export const quoted = (text, ref) => `«\u00a0${text.trim()}\u00a0» (${ref})`

/** The copy formats of a passage, as [key, menu label, text]; `text` is the text as shown. */
export function copyFormats(citation, text) {
  const formats = [
    ['ref', 'Référence', reference(citation)],
    ['quote', '« Texte » (référence)', quoted(text, reference(citation))],
  ]
  const withPage = referenceWithPage(citation)
  if (withPage) formats.splice(1, 0, ['ref-page', 'Référence et page', withPage])
  if (withPage) formats.push(['quote-page', '« Texte » (référence et page)', quoted(text, withPage)])
  return formats
}
