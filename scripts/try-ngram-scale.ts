// Measures the n-gram index at scale on a synthetic corpus: build time, memory, serialised size, load and query time.
// Usage: node --expose-gc --import tsx scripts/try-ngram-scale.ts [passages] [wordsPerPassage]

import { readdirSync, readFileSync } from 'node:fs'
import { NgramIndex } from '../src/semantic/ngram.js'

const passageCount = Number(process.argv[2] ?? 100_000)
const wordsPerPassage = Number(process.argv[3] ?? 80)

// Deterministic pseudo-random numbers (mulberry32), so runs compare.
let seed = 20240601
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

// Real words with their seed frequencies (90 % of tokens), plus rare words so the vocabulary grows as a large corpus's would.
const seedWords = readdirSync('seeds')
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readFileSync(`seeds/${f}`, 'utf8').split(/[^\p{L}\p{N}’'-]+/u))
  .filter(Boolean)
// Rare words: seed words with one or two letters changed, so they bring new grams as names and rare terms do.
const longWords = seedWords.filter((w) => w.length >= 5)
const letters = 'abcdefghijklmnopqrstuvwxyzéèàç'
const rareWords = Array.from({ length: 300_000 }, () => {
  const chars = [...longWords[Math.floor(random() * longWords.length)]!.toLowerCase()]
  for (let edits = 1 + Math.floor(random() * 2); edits > 0; edits--) chars[Math.floor(random() * chars.length)] = letters[Math.floor(random() * letters.length)]!
  return chars.join('')
})
function word(): string {
  return random() < 0.9 ? seedWords[Math.floor(random() * seedWords.length)]! : rareWords[Math.floor(random() * rareWords.length)]!
}
const passages = Array.from({ length: passageCount }, (_, i) => ({
  id: `doc${Math.floor(i / 200)}.p${i % 200}`,
  text: Array.from({ length: wordsPerPassage }, word).join(' '),
}))
const textMb = passages.reduce((sum, p) => sum + p.text.length, 0) / 1e6

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})
const heapMb = (): number => {
  gc()
  return process.memoryUsage().heapUsed / 1e6 + process.memoryUsage().arrayBuffers / 1e6
}

const before = heapMb()
const rssBefore = process.memoryUsage().rss
let started = performance.now()
const index = NgramIndex.build(passages)
const buildMs = performance.now() - started
const indexMb = heapMb() - before
const peakRssBuild = process.resourceUsage().maxRSS * 1e3

started = performance.now()
const file = Buffer.concat(index.toBinary())
const saveMs = performance.now() - started
started = performance.now()
const loaded = NgramIndex.fromBinary(file, passages.map((p) => p.id))
const loadMs = performance.now() - started

const queries = ['mise en oeuvre du protocole', 'protectoin des témoins', 'trafic illicite de migrants par mer', 'Etats parties', 'coopération internationale enquêtes financières', 'blanchiment', passages[123]!.text]
for (const q of queries) loaded.search(q, 100)
started = performance.now()
const rounds = 20
for (let r = 0; r < rounds; r++) for (const q of queries) loaded.search(q, 100)
const queryMs = (performance.now() - started) / (rounds * queries.length)

console.log(`${passageCount} synthetic passages of ${wordsPerPassage} words (${textMb.toFixed(1)} MB of text)`)
console.log(`build ${(buildMs / 1000).toFixed(1)} s; index in memory ≈ ${indexMb.toFixed(0)} MB (heap + typed arrays); RSS ${(rssBefore / 1e6).toFixed(0)} MB before the build (corpus), peak ${(peakRssBuild / 1e6).toFixed(0)} MB during it`)
console.log(`stored as ${(file.length / 1e6).toFixed(1)} MB in ${(saveMs / 1000).toFixed(1)} s; loaded in ${(loadMs / 1000).toFixed(3)} s`)
console.log(`query ${queryMs.toFixed(1)} ms mean over ${queries.length} queries, one a whole passage (limit 100)`)
