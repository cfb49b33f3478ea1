// Runs of letters (`\p{L}+`) found by one scan over the code units, with a table of the BMP's letters: what
// `text.match(/\p{L}+/gu)` finds, without a match object or a string per word (the build reads every passage's words
// this way for its spelling counts, and every document's to judge its language).

/** Whether each UTF-16 code unit of the BMP outside surrogates is a letter (`\p{L}`), computed on first use. */
let letters: Uint8Array | undefined

function letterTable(): Uint8Array {
  const table = new Uint8Array(0x10000)
  for (let c = 0; c < 0x10000; c++) if ((c < 0xd800 || c > 0xdfff) && /\p{L}/u.test(String.fromCharCode(c))) table[c] = 1
  return table
}

/** Calls `visit` with the start and end (exclusive) of each run of letters of `text`, in order. */
export function forEachLetterRun(text: string, visit: (start: number, end: number) => void): void {
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
      visit(start, i)
      start = -1
    }
    i += width - 1
  }
  if (start >= 0) visit(start, text.length)
}
