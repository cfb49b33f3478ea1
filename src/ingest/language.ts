// Is a document in French? Function words decide: every French text is full of them, and other languages' are others.

import { forEachLetterRun } from '../text/letters.js'

const FRENCH = new Set(['le', 'la', 'les', 'des', 'de', 'du', 'et', 'est', 'une', 'un', 'dans', 'que', 'qui', 'pour', 'par', 'sur', 'au', 'aux', 'avec', 'ont', 'sont', 'ses', 'leur', 'leurs', 'ces', 'cette', 'il', 'elle', 'ne', 'pas', 'été', 'à'])
const OTHERS: Record<string, Set<string>> = {
  English: new Set(['the', 'of', 'and', 'to', 'in', 'is', 'that', 'for', 'on', 'with', 'as', 'by', 'are', 'be', 'this', 'was', 'have', 'which', 'from', 'its', 'their', 'it', 'an', 'or']),
  Spanish: new Set(['el', 'los', 'las', 'del', 'y', 'en', 'que', 'por', 'con', 'para', 'una', 'se', 'su', 'sus', 'al', 'como', 'lo', 'es', 'son']),
}
/** Fewer words than this are too few to judge: such a text passes. */
const MIN_WORDS = 60

/** The longest word of the three lists: a longer word is in none of them. */
const LONGEST = Math.max(...[FRENCH, ...Object.values(OTHERS)].flatMap((set) => [...set].map((word) => word.length)))

/** null when the text is French (or too short to tell); otherwise the language it looks like, or `not French`. */
export function notFrench(text: string): string | null {
  // The words are `\p{L}+` runs of the lower-cased text, counted in one scan (a document is read whole: an array of
  // its words and a pass over it per language cost ≈ 7 % of a build).
  const languages = Object.entries(OTHERS)
  const hits = new Array<number>(languages.length).fill(0)
  let words = 0
  let french = 0
  const lower = text.toLowerCase()
  forEachLetterRun(lower, (start, end) => {
    words++
    if (end - start > LONGEST) return
    const word = lower.slice(start, end)
    if (FRENCH.has(word)) french++
    for (let l = 0; l < languages.length; l++) if (languages[l]![1].has(word)) hits[l]!++
  })
  if (words < MIN_WORDS) return null
  let best: [string, number] = ['another language', 0]
  languages.forEach(([language], l) => {
    const s = hits[l]! / words
    if (s > best[1]) best = [language, s]
  })
  const share = french / words
  return share >= 0.12 && share >= best[1] ? null : best[1] > share ? best[0] : 'another language'
}
