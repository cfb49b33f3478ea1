// Repaired text for people: the OCR damage of scanned reports (`enquétes`, `peut-étre`, `I’encontre`, `1% juin`)
// corrected for display and copying, each correction justified by the corpus itself. Search never uses this.

/** One word or mark as scanned and as repaired. */
export interface Correction {
  from: string
  to: string
}

/** Letters OCR reads for accented ones: `é` for `è`/`ê`, an accent dropped (`e` for `ê`), `c` for `ç`. */
const MISREAD: Record<string, string> = { é: 'èê', e: 'èêé', E: 'ÉÈÊ', a: 'àâ', A: 'ÀÂ', i: 'îï', o: 'ô', u: 'ûù', c: 'ç' }
const MONTHS = 'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre'
/** Damage that is not a word: `I’` for `l’` before a vowel, `1%` for `1er` before a month, `&` for a word's first `ê`. */
const MARKS: Array<[RegExp, string]> = [
  [/(?<![\p{L}\p{N}])I(?=[’'][aeiouyhéèêâîôûAEIOUYHÉ])/gu, 'l'],
  [new RegExp(`(?<![\\p{L}\\p{N}])1%(?=\\s+(?:${MONTHS})\\b)`, 'gu'), '1er'],
  // `&tre`, `&tes`: the ampersand OCR reads for ê at a word start.
  [/(?<![\p{L}\p{N}])&(?=t(?:re|res|es)\b)/gu, 'ê'],
]
const WORD = /\p{L}+/gu
/** Shorter words are never corrected. */
const MIN_LENGTH = 3

const skeleton = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '')

/**
 * Whether `scanned` can be OCR's reading of `word`: the same letters, differing only where OCR misreads an accent.
 * An `e` read for a final `é` (`présente`/`présenté`, `risques`/`risqués`) is not counted: both are French.
 */
function misreadOf(scanned: string, word: string): boolean {
  if (scanned.length !== word.length || scanned === word) return false
  for (let i = 0; i < scanned.length; i++) {
    if (scanned[i] === word[i]) continue
    if (!(MISREAD[scanned[i]!] ?? '').includes(word[i]!)) return false
    if (scanned[i] === 'e' && word[i] === 'é' && /^s?$/.test(scanned.slice(i + 1))) return false
  }
  return true
}

/** The corpus's own spelling, learned from its passages: a damaged word is repaired only to a form seen elsewhere. */
export class TextRepair {
  readonly #counts = new Map<string, number>()
  readonly #bySkeleton = new Map<string, string[]>()
  /** Words looked up so far → their repair (the word itself when it needs none). */
  readonly #memo = new Map<string, string>()
  readonly #minCount: number

  /** `texts`: every passage text of the corpus. A repaired form must occur at least `minCount` times in them. */
  constructor(texts: Iterable<string>, minCount = 2) {
    this.#minCount = minCount
    for (const text of texts) for (const [word] of text.matchAll(WORD)) this.#counts.set(word, (this.#counts.get(word) ?? 0) + 1)
    for (const word of this.#counts.keys()) {
      const key = skeleton(word)
      const list = this.#bySkeleton.get(key)
      if (list) list.push(word)
      else this.#bySkeleton.set(key, [word])
    }
  }

  /** The corpus's most frequent spelling `word` may be a misreading of; the word itself when there is none. */
  #repairOf(word: string): string {
    // `a`/`à`, `ou`/`où`, `la`/`là`, `du`/`dû`: short words are French either way, so never corrected.
    if (word.length < MIN_LENGTH) return word
    const known = this.#memo.get(word)
    if (known !== undefined) return known
    let to = word
    // `régulieres` → `réguliéres` → `régulières`: follow to a form that is not itself damaged (a few steps at most).
    for (let hops = 0; hops < 4; hops++) {
      const next = (this.#bySkeleton.get(skeleton(to)) ?? [])
        .filter((other) => misreadOf(to, other) && this.#counts.get(other)! >= this.#minCount)
        .sort((a, b) => this.#counts.get(b)! - this.#counts.get(a)! || (a < b ? -1 : 1))[0]
      if (!next) break
      to = next
    }
    this.#memo.set(word, to)
    return to
  }

  /** The text as repaired, with each correction made (in order). */
  repair(text: string): { text: string; corrections: Correction[] } {
    const corrections: Correction[] = []
    let out = text
    for (const [pattern, replacement] of MARKS) {
      out = out.replace(pattern, (found) => (corrections.push({ from: found, to: replacement }), replacement))
    }
    out = out.replace(WORD, (word) => {
      const to = this.#repairOf(word)
      if (to === word) return word
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
