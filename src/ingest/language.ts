// Is a document in French? Function words decide: every French text is full of them, and other languages' are others.

const FRENCH = new Set(['le', 'la', 'les', 'des', 'de', 'du', 'et', 'est', 'une', 'un', 'dans', 'que', 'qui', 'pour', 'par', 'sur', 'au', 'aux', 'avec', 'ont', 'sont', 'ses', 'leur', 'leurs', 'ces', 'cette', 'il', 'elle', 'ne', 'pas', 'été', 'à'])
const OTHERS: Record<string, Set<string>> = {
  English: new Set(['the', 'of', 'and', 'to', 'in', 'is', 'that', 'for', 'on', 'with', 'as', 'by', 'are', 'be', 'this', 'was', 'have', 'which', 'from', 'its', 'their', 'it', 'an', 'or']),
  Spanish: new Set(['el', 'los', 'las', 'del', 'y', 'en', 'que', 'por', 'con', 'para', 'una', 'se', 'su', 'sus', 'al', 'como', 'lo', 'es', 'son']),
}
/** Fewer words than this are too few to judge: such a text passes. */
const MIN_WORDS = 60

/** null when the text is French (or too short to tell); otherwise the language it looks like, or `not French`. */
export function notFrench(text: string): string | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? []
  if (words.length < MIN_WORDS) return null
  const share = (set: Set<string>) => words.filter((word) => set.has(word)).length / words.length
  const french = share(FRENCH)
  let best: [string, number] = ['another language', 0]
  for (const [language, set] of Object.entries(OTHERS)) {
    const s = share(set)
    if (s > best[1]) best = [language, s]
  }
  return french >= 0.12 && french >= best[1] ? null : best[1] > french ? best[0] : 'another language'
}
