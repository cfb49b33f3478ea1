// A synthetic French corpus for the scale benches: seed files built from the seeds' own sentences and words.
//
// Each synthetic passage is one or two sentences drawn from the real passages, with about one word in
// twelve swapped for a rare variant (a seed word with one or two letters changed), so the vocabulary grows
// with the corpus as a real collection's names and rare terms do. Files are written in the seeds' layout
// (title, roman-numbered sections, numbered paragraphs) and go through the real ingest and index build.

import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { loadCorpus } from '../../src/ingest/load.js'
import type { Embedder } from '../../src/index/embedder.js'
import { prng } from './stats.js'

/** Passages per synthetic document, as in a long report. */
export const PASSAGES_PER_DOCUMENT = 200
const PARAGRAPHS_PER_SECTION = 25
const RARE_WORD_SHARE = 1 / 12
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X']
const MONTHS = ['janvier', 'mars', 'mai', 'juin', 'septembre', 'octobre', 'novembre']

export interface SyntheticCorpus {
  passages: number
  documents: number
  textBytes: number
}

/** Writes `passages` synthetic passages as seed files into `dir` (emptied first); deterministic for a given `seed`. */
export async function writeSyntheticSeeds(dir: string, passages: number, seed = 20240601): Promise<SyntheticCorpus> {
  const random = prng(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const { passages: real } = await loadCorpus('seeds')
  const sentences = real.flatMap((p) => p.text.split(/(?<=[.;:])\s+(?=\p{Lu})/u)).filter((s) => s.length > 40 && !/^\d/.test(s))
  const headings = [...new Set(real.flatMap((p) => p.section.map((s) => s.replace(/^[IVXA-H]+\.\s*/, ''))))].filter((h) => h.length > 8 && h.length < 90)
  const longWords = [...new Set(sentences.flatMap((s) => s.match(/\p{L}{6,}/gu) ?? []))]
  const letters = 'abcdefghijklmnopqrstuvwxyzéèàç'
  const rareWords = Array.from({ length: Math.max(2000, passages * 2) }, () => {
    const chars = [...pick(longWords).toLowerCase()]
    for (let edits = 1 + Math.floor(random() * 2); edits > 0; edits--) chars[Math.floor(random() * chars.length)] = pick([...letters])
    return chars.join('')
  })
  const passageText = (): string => {
    const text = Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(sentences)).join(' ')
    return text.replace(/\p{L}{6,}/gu, (word) => (random() < RARE_WORD_SHARE ? pick(rareWords) : word))
  }

  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const documents = Math.ceil(passages / PASSAGES_PER_DOCUMENT)
  let textBytes = 0
  for (let d = 0; d < documents; d++) {
    const count = Math.min(PASSAGES_PER_DOCUMENT, passages - d * PASSAGES_PER_DOCUMENT)
    const year = 2010 + (d % 14)
    const lines = [`Rapport de la réunion ${d + 1} du Groupe de travail tenue à Vienne le ${1 + (d % 27)} ${pick(MONTHS)} ${year}`, '']
    for (let p = 0; p < count; p++) {
      if (p % PARAGRAPHS_PER_SECTION === 0) lines.push('', `  ${ROMAN[p / PARAGRAPHS_PER_SECTION]}. ${pick(headings)}`, '')
      lines.push(`${p + 1}. ${passageText()}`, '')
    }
    const text = lines.join('\n')
    textBytes += Buffer.byteLength(text)
    await writeFile(join(dir, `${String(d).padStart(5, '0')}_synthetic.txt`), text)
  }
  return { passages, documents, textBytes }
}

/**
 * An embedder of random unit vectors (384 dimensions, as multilingual-e5-small): the cost of flat vector search
 * at scale without the cost of a model. Deterministic: the same text always gets the same vector.
 */
export function randomEmbedder(dimension = 384): Embedder {
  const vectorOf = (text: string): Float32Array => {
    let hash = 2166136261
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619)
    const random = prng(hash)
    const vector = Float32Array.from({ length: dimension }, () => random() * 2 - 1)
    const norm = Math.hypot(...vector)
    return vector.map((x) => x / norm)
  }
  return {
    id: `random-unit-${dimension}`,
    fingerprint: `random-unit-${dimension}`,
    dimension,
    embedQuery: async (text) => vectorOf(text),
    embedPassages: async (texts, onProgress) => {
      const vectors = texts.map(vectorOf)
      onProgress?.(texts.length, texts.length)
      return vectors
    },
  }
}
