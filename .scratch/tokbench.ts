import { loadCorpus } from '../src/ingest/load.js'
import { scanWords } from '../src/text/scan.js'
import { repairOcr } from '../src/text/fold.js'
const WORD_RE = String.raw`(?:[\p{L}\p{N}]|(?<=\p{L})¢|¢(?=\p{L}))+`
const MONTH = 'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre'
const TOKEN = new RegExp(String.raw`(?<first>\b1(?:%|°"?|")(?=\s+(?:${MONTH})\b))|(?<a>(?<![\p{L}\p{N}&])&(?=\s|$)|(?<=\p{L})&(?=\s))|` + String.raw`(?<elision>\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu) ?['’‘ʼ] ?(?=[\p{L}¢]))?${WORD_RE}(?:[./]${WORD_RE})*`, 'giu')
const texts = (await loadCorpus(process.argv[2]!)).passages.map((p) => p.text)
for (let r = 0; r < 3; r++) {
  let t = performance.now(); let n = 0
  for (const x of texts) for (const m of x.matchAll(TOKEN)) n++
  const a = performance.now() - t
  t = performance.now(); let k = 0
  for (const x of texts) scanWords(x, () => k++)
  const b = performance.now() - t
  t = performance.now()
  for (const x of texts) repairOcr(x)
  const c = performance.now() - t
  console.log('regex', a.toFixed(0), 'scan', b.toFixed(0), 'repair', c.toFixed(0), n, k)
}
