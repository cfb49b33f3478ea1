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

/** A text as repaired and its corrections, in order. */
export interface Repaired {
  text: string
  corrections: Correction[]
}

/** How many repaired texts a `TextRepair` remembers. */
const RECENT_TEXTS = 2048

/** Repairs texts with the corpus's own spelling (`learnRepairs`, computed at build time and stored in the index). */
export class TextRepair {
  /** `repairs`: each damaged word of the corpus → the spelling it is repaired to (words needing none are absent). */
  constructor(private readonly repairs: ReadonlyMap<string, string>) {}

  /** A repairer learned from `texts` now: for an engine given no stored repairs (tests, a corpus built in memory). */
  static learn(texts: Iterable<string>): TextRepair {
    return new TextRepair(learnRepairs(texts))
  }

  /** Texts repaired lately: a page shows each passage's text, then repairs its snippet and text again. */
  private readonly recent = new Map<string, Repaired>()

  /** The text as repaired, with each correction made (in order). The result is shared: do not change it. */
  repair(text: string): Repaired {
    let found = this.recent.get(text)
    if (!found) {
      found = this.repairNow(text)
      // A passage's text is the same string object at each search, so the lookup hashes nothing new.
      if (this.recent.size >= RECENT_TEXTS) this.recent.clear()
      this.recent.set(text, found)
    }
    return found
  }

  private repairNow(text: string): Repaired {
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
