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
const OCR_REPAIRS: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  // `I’article`, `1’application`, `[I'issue`: a capital I or a 1 standing for the elided article l’.
  [/(^|[^\p{L}\p{N}])[I1](?=[’'‘]\p{L})/gu, '$1l'],
  // `&tre`: the ampersand OCR reads for ê at a word start.
  [/(^|[^\p{L}])&(?=tre\b|tes\b)/gu, '$1ê'],
  // `ceuvre`, `manceuvre`: the œ ligature read as ce.
  [/ceuvre/g, 'oeuvre'],
  [/Ceuvre/g, 'Oeuvre'],
]

const OCR_SUSPECT = /[I1][’'‘]|&t|euvre/

/** Repairs typical OCR damage without changing the string's length. Display text never goes through this. */
export function repairOcr(text: string): string {
  // One cheap scan for what every repair needs (`I’`, `&t`, `euvre`) spares most texts four regex passes.
  if (!OCR_SUSPECT.test(text)) return text
  let out = text
  for (const [pattern, replacement] of OCR_REPAIRS) out = out.replace(pattern, replacement as string)
  return out
}
