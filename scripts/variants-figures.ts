// The figures behind variant grouping (docs/variants.md): the similarity distribution of cross-document passage
// pairs in the seeds, where VARIANT_THRESHOLD was chosen, with a check that the grouping joins every pair above it;
// and the time and recall of the MinHash grouping alone on a synthetic corpus with planted restatements.
// Usage: npm run figures:variants [-- seeds] | npm run figures:variants -- scale [passages]

import { readdirSync, readFileSync } from 'node:fs'
import { loadCorpus } from '../src/ingest/load.js'
import { analyze } from '../src/text/analyzer.js'
import { bandKeys, stemSets, VARIANT_THRESHOLD, variantComponents, type VariantSource } from '../src/variants/group.js'

const mode = process.argv[2] ?? 'seeds'

if (mode === 'seeds') {
  const { passages, documents } = await loadCorpus('seeds')
  const year = new Map(documents.map((d) => [d.id, d.year]))
  // Every cross-document pair, exhaustively (the seeds are small), to see the whole distribution and check that
  // the MinHash grouping joins every pair above the threshold.
  const sets = passages.map((p) => new Set(analyze(p.text)))
  const pairs: Array<{ a: number; b: number; similarity: number }> = []
  for (let a = 0; a < passages.length; a++) {
    for (let b = a + 1; b < passages.length; b++) {
      if (passages[a]!.docId === passages[b]!.docId) continue
      const shared = [...sets[a]!].filter((t) => sets[b]!.has(t)).length
      const similarity = shared / (sets[a]!.size + sets[b]!.size - shared)
      if (similarity >= 0.3) pairs.push({ a, b, similarity })
    }
  }
  pairs.sort((x, y) => y.similarity - x.similarity)
  const expected = pairs.filter((p) => p.similarity >= VARIANT_THRESHOLD)
  const roots = components(passages)
  const found = expected.filter(({ a, b }) => roots[a] === roots[b]).length
  console.log(`The grouping joins ${found} of the ${expected.length} pairs at or above ${VARIANT_THRESHOLD}.\n`)
  const bins = new Map<string, number>()
  for (const { similarity } of pairs) {
    const bin = (Math.min(19, Math.floor(similarity * 20)) / 20).toFixed(2)
    bins.set(bin, (bins.get(bin) ?? 0) + 1)
  }
  console.log(`Cross-document pairs with Jaccard ≥ 0.30 over content stems: ${pairs.length}`)
  for (const [bin, count] of [...bins].sort()) console.log(`  ${bin}–${(Number(bin) + 0.05).toFixed(2)}  ${'█'.repeat(count)} ${count}`)
  console.log(`\nPairs from 0.40 to 0.80 (threshold ${VARIANT_THRESHOLD}):`)
  for (const { a, b, similarity } of pairs.filter((p) => p.similarity >= 0.4 && p.similarity < 0.8)) {
    const [x, y] = [passages[a]!, passages[b]!]
    const mark = similarity >= VARIANT_THRESHOLD ? 'grouped' : '       '
    console.log(`  ${similarity.toFixed(3)} ${mark}  ${year.get(x.docId)} ${x.id}  ~  ${year.get(y.docId)} ${y.id}`)
  }
} else if (mode === 'scale') {
  const count = Number(process.argv[3] ?? 100_000)
  // Deterministic pseudo-random numbers (mulberry32), so runs compare.
  let seed = 20240601
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const words = readdirSync('seeds')
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => readFileSync(`seeds/${f}`, 'utf8').split(/[^\p{L}\p{N}’'-]+/u))
    .filter(Boolean)
  // Words drawn with their seed frequencies, plus 50,000 made-up rarer words: a vocabulary about the size of a real
  // 100,000-passage corpus (each word is stemmed once, then cached).
  const word = () => (random() < 0.9 ? words[Math.floor(random() * words.length)]! : `mot${Math.floor(random() * 50_000)}`)
  const passages: VariantSource[] = []
  const planted = new Set<number>()
  for (let i = 0; i < count; i++) {
    const docId = `doc${Math.floor(i / 200)}`
    // One passage in ten restates an earlier one from another document with a tenth of its words changed.
    if (i > 1000 && random() < 0.1) {
      const from = Math.floor(random() * (i - 400))
      const source = passages[from]!
      const text = source.text
        .split(' ')
        .map((w) => (random() < 0.1 ? word() : w))
        .join(' ')
      passages.push({ id: `${docId}.p${i}`, docId, text })
      planted.add(from * count + i)
    } else passages.push({ id: `${docId}.p${i}`, docId, text: Array.from({ length: 80 }, word).join(' ') })
  }
  let started = performance.now()
  const sets = stemSets(passages)
  const analysisMs = performance.now() - started
  started = performance.now()
  const keys = bandKeys(sets)
  const keysMs = performance.now() - started
  started = performance.now()
  const roots = variantComponents(sets, keys)
  const ms = performance.now() - started
  const found = [...planted].filter((pair) => roots[Math.floor(pair / count)] === roots[pair % count]).length
  console.log(`${count} passages of 80 words, ${planted.size} planted restatements, ${found} of them grouped`)
  console.log(`French analysis ${Math.round(analysisMs)} ms, min-hashes ${Math.round(keysMs)} ms, grouping ${Math.round(ms)} ms; ${Math.round(process.memoryUsage().rss / 1e6)} MB RSS`)
} else {
  console.error('Usage: npm run figures:variants [-- seeds | -- scale [passages]]')
  process.exit(2)
}

function components(passages: readonly VariantSource[]): Int32Array {
  const sets = stemSets(passages)
  return variantComponents(sets, bandKeys(sets))
}
