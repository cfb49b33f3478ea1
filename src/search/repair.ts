// Repaired text for people: the OCR damage of scanned reports (`enquétes`, `peut-étre`, `I’encontre`, `1% juin`)
// corrected for display and copying, each correction justified by the corpus itself. Search never uses this.

import { learnRepairs, WORD } from '../text/spelling.js'

/** One word or mark as scanned and as repaired. */
export interface Correction {
  from: string
  to: string
}

const MONTHS = 'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre'
/** Damage that is not a word: `I’` for `l’` before a vowel, `1%` for `1er` before a month, `&` for a word's first `ê`. */
const MARKS: Array<[RegExp, string]> = [
  [/(?<![\p{L}\p{N}])I(?=[’'][aeiouyhéèêâîôûAEIOUYHÉ])/gu, 'l'],
  [new RegExp(`(?<![\\p{L}\\p{N}])1%(?=\\s+(?:${MONTHS})\\b)`, 'gu'), '1er'],
  // `&tre`, `&tes`: the ampersand OCR reads for ê at a word start.
  [/(?<![\p{L}\p{N}])&(?=t(?:re|res|es)\b)/gu, 'ê'],
]

/** Repairs texts with the corpus's own spelling (`learnRepairs`, computed at build time and stored in the index). */
export class TextRepair {
  /** `repairs`: each damaged word of the corpus → the spelling it is repaired to (words needing none are absent). */
  constructor(private readonly repairs: ReadonlyMap<string, string>) {}

  /** A repairer learned from `texts` now: for an engine given no stored repairs (tests, a corpus built in memory). */
  static learn(texts: Iterable<string>): TextRepair {
    return new TextRepair(learnRepairs(texts))
  }

  /** The text as repaired, with each correction made (in order). */
  repair(text: string): { text: string; corrections: Correction[] } {
    const corrections: Correction[] = []
    let out = text
    for (const [pattern, replacement] of MARKS) {
      out = out.replace(pattern, (found) => (corrections.push({ from: found, to: replacement }), replacement))
    }
    out = out.replace(WORD, (word) => {
      const to = this.repairs.get(word)
      if (to === undefined) return word
      corrections.push({ from: word, to })
      return to
    })
    return { text: out, corrections }
  }

  /** The same repairs inside HTML (a snippet with `<mark>`), tags left alone. */
  repairHtml(html: string): string {
    return html.replace(/([^<]+)|(<[^>]*>)/g, (_, text: string | undefined, tag: string | undefined) => tag ?? this.repair(text!).text)
  }
}
