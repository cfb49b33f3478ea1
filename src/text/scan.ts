// The word scanner under `tokenize`: one pass over the characters, no regular expression per word (a third of a
// build's time went to the word regex). What counts as a word:
// - a run of letters and digits; `/` and `.` between two runs stay inside it, so `5/3` and `WG.7` are one word;
//   hyphens and apostrophes split words;
// - an elided article with its word (`l’article`, `qu’il`, `d ’enquête` and `l’ Afrique` with a stray space), the
//   article's length returned so the caller can drop it;
// - OCR damage inside words, read as what it stands for: `¢` touching a letter belongs to the word; `1%`, `1°"` or
//   `1°` before a month is an ordinal (`au 1% juin`); an `&` standing alone or closing a word is the preposition à
//   (`visant & incriminer`, `appuyer& l’application`).

/** What the scanner found: a word, an ordinal `1er` written as OCR damage, or an `&` standing for à. */
export const WORD = 0
export const FIRST_ORDINAL = 1
export const PREPOSITION_A = 2

const LETTER = 1
const NUMBER = 2
const OTHER = 3
const classes = new Uint8Array(0x10000)
const LETTER_RE = /\p{L}/u
const NUMBER_RE = /\p{N}/u

function classOf(code: number): number {
  let c = classes[code]!
  if (c === 0) {
    const ch = String.fromCharCode(code)
    c = LETTER_RE.test(ch) ? LETTER : NUMBER_RE.test(ch) ? NUMBER : OTHER
    classes[code] = c
  }
  return c
}

/** The class of the character (code point) at `i`, and whether it is two UTF-16 units wide. */
function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i)
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const cp = text.codePointAt(i)!
    const ch = String.fromCodePoint(cp)
    return LETTER_RE.test(ch) ? LETTER : NUMBER_RE.test(ch) ? NUMBER : OTHER
  }
  return classOf(code)
}

// A surrogate pair: a high half followed by a low one. A half standing alone is one character (no letter), and the
// character after it is read on its own.
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff
const isPairAt = (text: string, i: number) => isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))

const widthAt = (text: string, i: number) => (isPairAt(text, i) ? 2 : 1)

const isLetterAt = (text: string, i: number) => i >= 0 && i < text.length && classAt(text, i) === LETTER
// The letter before `i`, stepping back over a surrogate pair.
const isLetterBefore = (text: string, i: number) => {
  if (i <= 0) return false
  return isLetterAt(text, i >= 2 && isPairAt(text, i - 2) ? i - 2 : i - 1)
}
const isLetterOrNumberBefore = (text: string, i: number) => {
  if (i <= 0) return false
  const c = classAt(text, i >= 2 && isPairAt(text, i - 2) ? i - 2 : i - 1)
  return c === LETTER || c === NUMBER
}

const CENT = 0xa2
const AMPERSAND = 0x26

/** Width of the word character at `i` (a letter, a digit, or ¢ touching a letter), or 0. */
function wordCharAt(text: string, i: number): number {
  if (i >= text.length) return 0
  const code = text.charCodeAt(i)
  if (code === CENT) return isLetterBefore(text, i) || isLetterAt(text, i + 1) ? 1 : 0
  const c = classAt(text, i)
  return c === LETTER || c === NUMBER ? widthAt(text, i) : 0
}

// ASCII word characters, for the `\b` a French elision or ordinal starts at.
const isAsciiWord = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x202f || code === 0x2009 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x1680 || code === 0x205f || code === 0xfeff

const ELISION = /(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu) ?['’‘ʼ] ?/iy

// What `ELISION` needs at `i`, checked before running it (most word starts cannot be an elision): one of its letters
// (ASCII, either case: the regex's `i` flag without `u` folds no other letter onto them) followed by a space or an
// apostrophe, or the first letter of `qu` and of its longer forms (`jusqu`, `lorsqu`, `puisqu`, `quoiqu`, `presqu`).
const isApostropheOrSpace = (code: number) => code === 39 || code === 0x2019 || code === 0x2018 || code === 0x2bc || code === 32
function mayElide(text: string, i: number): boolean {
  const code = text.charCodeAt(i) | 0x20
  if (code === 0x6a || code === 0x6c || code === 0x70 || code === 0x71) return true // j l p q
  if (code !== 0x64 && code !== 0x6d && code !== 0x6e && code !== 0x73 && code !== 0x74 && code !== 0x63) return false // d m n s t c
  return i + 1 < text.length && isApostropheOrSpace(text.charCodeAt(i + 1))
}
const MONTH = 'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre'
const FIRST = new RegExp(String.raw`1(?:%|°"?|")(?=\s+(?:${MONTH})\b)`, 'iuy')

/**
 * Calls `visit` with each word of `text`: its kind, start, end (exclusive) and, for a word, the length of its elided
 * article (0 when none).
 */
export function scanWords(text: string, visit: (found: number, start: number, end: number, elided: number) => void): void {
  const n = text.length
  let i = 0
  while (i < n) {
    const code = text.charCodeAt(i)
    const boundary = i === 0 || !isAsciiWord(text.charCodeAt(i - 1))
    if (code === 49 && boundary) {
      FIRST.lastIndex = i
      const first = FIRST.exec(text)
      if (first) {
        visit(FIRST_ORDINAL, i, i + first[0].length, 0)
        i += first[0].length
        continue
      }
    }
    if (code === AMPERSAND) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : -1
      const alone = !isLetterOrNumberBefore(text, i) && (i === 0 || text.charCodeAt(i - 1) !== AMPERSAND) && (next === -1 || isSpace(next))
      if (alone || (isLetterBefore(text, i) && next !== -1 && isSpace(next))) {
        visit(PREPOSITION_A, i, i + 1, 0)
        i++
        continue
      }
    }
    let width = wordCharAt(text, i)
    let start = i
    let elided = 0
    if (boundary && mayElide(text, i)) {
      ELISION.lastIndex = i
      const elision = ELISION.exec(text)
      if (elision) {
        const after = i + elision[0].length
        // The article counts only when a word follows it (the regex's lookahead for a letter or ¢, then a word).
        const next = after < n ? text.charCodeAt(after) : -1
        if (next !== -1 && (isLetterAt(text, after) || next === CENT) && wordCharAt(text, after)) {
          elided = elision[0].length
          width = wordCharAt(text, after)
          i = after
        }
      }
    }
    if (!width) {
      i += widthAt(text, i)
      continue
    }
    let end = i
    for (;;) {
      while (end < n) {
        // A letter or digit of the Basic Multilingual Plane, not a surrogate nor ¢ (`wordCharAt`'s answer for it, read
        // straight from the class table: most of a text's characters).
        const code = text.charCodeAt(end)
        if (code < 0xd800 && code !== CENT) {
          const c = classes[code] || classOf(code)
          if (c !== LETTER && c !== NUMBER) break
          end++
          continue
        }
        const w = wordCharAt(text, end)
        if (!w) break
        end += w
      }
      const sep = end < n ? text.charCodeAt(end) : -1
      if ((sep === 46 || sep === 47) && wordCharAt(text, end + 1)) {
        end += 1
        continue
      }
      break
    }
    visit(WORD, start, end, elided)
    i = end
  }
}
