// The corpus's own spelling, learned once at build time: each word of the corpus that OCR damaged (`enquétes`,
// `peut-étre`) mapped to the form the corpus itself uses (`enquêtes`), for showing scanned reports repaired.

/** Letters OCR reads for accented ones: `é` for `è`/`ê`, an accent dropped (`e` for `ê`), `c` for `ç`. */
const MISREAD: Record<string, string> = { é: 'èê', e: 'èêé', E: 'ÉÈÊ', a: 'àâ', A: 'ÀÂ', i: 'îï', o: 'ô', u: 'ûù', c: 'ç' }
/** A word as `SpellingRepairs` reads it: a run of letters, case and accents kept. */
export const WORD = /\p{L}+/gu
/** Shorter words are never corrected: `a`/`à`, `ou`/`où`, `la`/`là`, `du`/`dû` are French either way. */
const MIN_LENGTH = 3
/** A repaired form must occur at least this often in the corpus. */
export const MIN_COUNT = 2

/** Whether each UTF-16 code unit of the BMP outside surrogates is a letter (`\\p{L}`), computed on first use. */
let letters: Uint8Array | undefined

function letterTable(): Uint8Array {
  const table = new Uint8Array(0x10000)
  for (let c = 0; c < 0x10000; c++) if ((c < 0xd800 || c > 0xdfff) && /\p{L}/u.test(String.fromCharCode(c))) table[c] = 1
  return table
}

/**
 * Calls `visit` with each word of `text` as `WORD` finds them (runs of `\\p{L}`), scanned by code unit: a regular
 * expression's match objects cost more than the counting itself over a corpus of 100 000 passages.
 */
export function forEachWord(text: string, visit: (word: string) => void): void {
  letters ??= letterTable()
  let start = -1
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    let letter: boolean
    let width = 1
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      // A letter outside the BMP (a surrogate pair) is rare: ask the regular expression.
      const code = text.codePointAt(i)!
      width = code > 0xffff ? 2 : 1
      letter = /\p{L}/u.test(String.fromCodePoint(code))
    } else letter = letters[c] === 1
    if (letter) {
      if (start < 0) start = i
    } else if (start >= 0) {
      visit(text.slice(start, i))
      start = -1
    }
    i += width - 1
  }
  if (start >= 0) visit(text.slice(start))
}

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

/**
 * Every word of `texts` that is a misreading of a more frequent spelling of them, with that spelling: the corpus's
 * most frequent form it can be OCR's reading of (seen at least `minCount` times), followed to a form that is not
 * itself damaged (`régulieres` → `réguliéres` → `régulières`, a few steps at most). Words needing no repair are left
 * out, so the table is small: only words sharing their accentless skeleton with another word are looked at.
 */
export function learnRepairs(texts: Iterable<string>, minCount = MIN_COUNT): Map<string, string> {
  return repairsFromCounts(countWords(texts), minCount)
}

/**
 * Adds each word of `texts` to `counts` (or, with `sign` −1, takes it away; a word counted 0 times is dropped): what
 * `repairsFromCounts` learns from, kept by an incremental build and updated with the documents added and removed.
 */
export function countWords(texts: Iterable<string>, counts = new Map<string, number>(), sign: 1 | -1 = 1): Map<string, number> {
  if (sign === 1) return addWords(texts, counts)
  for (const text of texts) {
    forEachWord(text, (word) => {
      const count = (counts.get(word) ?? 0) + sign
      if (count > 0) counts.set(word, count)
      else counts.delete(word)
    })
  }
  return counts
}

// Counts only growing, each word is looked up once per occurrence (not a get and a set) and the map updated once per
// distinct word, in the order the words were first met: the map `countWords` would have built.
function addWords(texts: Iterable<string>, counts: Map<string, number>): Map<string, number> {
  const slots = new Map<string, number>()
  const tallies: number[] = []
  for (const text of texts) {
    forEachWord(text, (word) => {
      const slot = slots.get(word)
      if (slot === undefined) {
        slots.set(word, tallies.length)
        tallies.push((counts.get(word) ?? 0) + 1)
      } else tallies[slot]!++
    })
  }
  for (const [word, slot] of slots) counts.set(word, tallies[slot]!)
  return counts
}

/** `learnRepairs` from the corpus's word counts (`countWords`); the same table whatever order they are in. */
export function repairsFromCounts(counts: ReadonlyMap<string, number>, minCount = MIN_COUNT): Map<string, string> {
  const bySkeleton = new Map<string, string[]>()
  for (const word of counts.keys()) {
    if (word.length < MIN_LENGTH) continue
    const key = skeleton(word)
    const list = bySkeleton.get(key)
    if (list) list.push(word)
    else bySkeleton.set(key, [word])
  }
  const repairs = new Map<string, string>()
  for (const group of bySkeleton.values()) {
    if (group.length < 2) continue
    for (const word of group) {
      let to = word
      for (let hops = 0; hops < 4; hops++) {
        const next = group
          .filter((other) => misreadOf(to, other) && counts.get(other)! >= minCount)
          .sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : 1))[0]
        if (!next) break
        to = next
      }
      if (to !== word) repairs.set(word, to)
    }
  }
  return repairs
}
