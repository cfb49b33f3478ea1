// Case, accent, ligature and apostrophe folding, and length-preserving OCR repair, for the search side only.

const APOSTROPHES = /[’‘ʼ`´']/g

/** Lower-cases, maps œ→oe and æ→ae, strips diacritics and unifies apostrophes to `'`. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(APOSTROPHES, "'")
}

// Each repair keeps the string length, so offsets found in the repaired text are offsets in the source.
// Each with a cheap test of what it needs, run first: most suspect texts hold only one kind of damage (often the ce
// of `mise en ceuvre`), and a Unicode regex replace costs a pass over the whole text.
const OCR_REPAIRS: Array<[needs: RegExp, pattern: RegExp, replacement: string]> = [
  // `1I’Afrique`: the elided article l’ read as two strokes.
  [/1I[’'‘]/, /(^|[^\p{L}\p{N}])1I(?=[’'‘] ?[\p{L}¢])/gu, '$1 l'],
  // `I’article`, `1’application`, `[I'issue`, `|’article`, `I’¢laboration`: a stroke standing for the elided article l’.
  [/[I1|][’'‘]/, /(^|[^\p{L}\p{N}])[I1|](?=[’'‘] ?[\p{L}¢])/gu, '$1l'],
  // `1égitimes`, `1égislation`: an l read as 1 before an accented letter (no number is followed by one; `1ère` is
  // left alone).
  [/1[éêàâîôûç]/, /(^|[^\p{L}\p{N}])1(?=[éêàâîôûç]\p{L})/gu, '$1l'],
  // `f|ux`: a stroke between letters is an l.
  [/\|/, /(?<=\p{L})\|(?=\p{L})/gu, 'l'],
  // `&tre`: the ampersand OCR reads for ê at a word start.
  [/&t/, /(^|[^\p{L}])&(?=tre\b|tes\b)/gu, '$1ê'],
  // `ceuvre`, `manceuvre`: the œ ligature read as ce.
  [/ceuvre/, /ceuvre/g, 'oeuvre'],
  [/Ceuvre/, /Ceuvre/g, 'Oeuvre'],
]

const OCR_SUSPECT = /[I1|][’'‘]|1[éêàâîôûç]|\||&t|euvre/

/** Repairs typical OCR damage without changing the string's length. Display text never goes through this. */
export function repairOcr(text: string): string {
  // One cheap scan for what every repair needs (`I’`, `1é`, `|`, `&t`, `euvre`) spares most texts the regex passes.
  if (!OCR_SUSPECT.test(text)) return text
  let out = text
  for (const [needs, pattern, replacement] of OCR_REPAIRS) if (needs.test(out)) out = out.replace(pattern, replacement)
  return out
}

/**
 * A word holding `¢`, the 2022 scan's reading of é (`¢laboré`, `publi¢`) and ç (`renfor¢ant`), and a stray mark
 * beside a real é (`criminalit¢é`, `organisé¢`, `huiti¢éme`), as the word it stands for.
 */
export function repairCent(word: string): string {
  return word
    .replace(/¢(?=[éèêëÉÈÊË])|(?<=[éèêëÉÈÊË])¢/g, '')
    .replace(/¢(?=[aouâôûAOUÂÔÛ])/g, 'ç')
    .replace(/¢/g, 'é')
}
