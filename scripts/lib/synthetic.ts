// Synthetic French corpora for the scale benches, written as seed files and read by the real ingest and build.
//
// `repetitive`: each passage is one or two sentences drawn from the seeds (five reports on one subject), about one
// word in twelve swapped for a rare variant (a seed word with one or two letters changed). Query words are as
// common as in the seeds and thousands of passages share a stock sentence: the worst case.
// `varied`: sentences of PIAF's French Wikipedia paragraphs and of the seeds, a third of their words replaced by
// words drawn with the frequencies of the whole text (Zipf's law kept), rare variants as above, and one passage in
// thirty restating an earlier one of another document with a tenth of its words changed: the typical case.
// Files are in the seeds' layout (title, roman-numbered sections, numbered paragraphs), 200 passages each.

import { readFile, mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { loadCorpus } from '../../src/ingest/load.js'
import type { Embedder } from '../../src/index/embedder.js'
import { prng } from './stats.js'

export const corpusKinds = ['repetitive', 'varied'] as const
export type CorpusKind = (typeof corpusKinds)[number]

/** Passages per synthetic document, as in a long report. */
export const PASSAGES_PER_DOCUMENT = 200
const PARAGRAPHS_PER_SECTION = 25
const RARE_WORD_SHARE = 1 / 12
const VARIED_REPLACED_SHARE = 1 / 3
const RESTATED_SHARE = 1 / 30
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X']
const MONTHS = ['janvier', 'mars', 'mai', 'juin', 'septembre', 'octobre', 'novembre']
const PIAF = '../shared/bench/piaf/corpus.jsonl'

export interface SyntheticCorpus {
  passages: number
  documents: number
  textBytes: number
}

const sentencesOf = (texts: readonly string[]) => texts.flatMap((t) => t.split(/(?<=[.;:])\s+(?=\p{Lu})/u)).filter((s) => s.length > 40 && !/^\d/.test(s))

/** A generator of passage texts for one corpus kind, deterministic for a given seed. */
async function passageSource(kind: CorpusKind, random: () => number, passages: number): Promise<{ text: () => string; headings: string[] }> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const { passages: real } = await loadCorpus('seeds')
  const seedSentences = sentencesOf(real.map((p) => p.text))
  const headings = [...new Set(real.flatMap((p) => p.section.map((s) => s.replace(/^[IVXA-H]+\.\s*/, ''))))].filter((h) => h.length > 8 && h.length < 90)
  const piaf = kind === 'varied' ? sentencesOf((await readFile(PIAF, 'utf8')).split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { text: string }).text)) : []
  const sentences = [...seedSentences, ...piaf]
  const words = sentences.flatMap((s) => s.match(/\p{L}{4,}/gu) ?? [])
  const longWords = [...new Set(sentences.flatMap((s) => s.match(/\p{L}{6,}/gu) ?? []))]
  const letters = 'abcdefghijklmnopqrstuvwxyzéèàç'
  // Two rare variants a passage, so the vocabulary grows with the corpus as a real collection's names do.
  const rareWords = Array.from({ length: Math.max(2000, passages * 2) }, () => {
    const chars = [...pick(longWords).toLowerCase()]
    for (let edits = 1 + Math.floor(random() * 2); edits > 0; edits--) chars[Math.floor(random() * chars.length)] = pick([...letters])
    return chars.join('')
  })
  const withRareWords = (text: string) => text.replace(/\p{L}{6,}/gu, (word) => (random() < RARE_WORD_SHARE ? pick(rareWords) : word))
  if (kind === 'repetitive') {
    return { headings, text: () => withRareWords(Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(seedSentences)).join(' ')) }
  }
  // Words drawn as often as the text uses them: a uniform pick from the list of every occurrence.
  const replaced = (sentence: string) => sentence.replace(/\p{L}{4,}/gu, (word) => (random() < VARIED_REPLACED_SHARE ? pick(words) : word))
  const written: string[] = []
  return {
    headings,
    text: () => {
      if (written.length > PASSAGES_PER_DOCUMENT && random() < RESTATED_SHARE) {
        const earlier = written[Math.floor(random() * (written.length - PASSAGES_PER_DOCUMENT))]!
        return earlier.replace(/\p{L}{4,}/gu, (word) => (random() < 0.1 ? pick(words) : word))
      }
      const text = withRareWords(Array.from({ length: 1 + Math.floor(random() * 3) }, () => replaced(pick(sentences))).join(' '))
      written.push(text)
      return text
    },
  }
}

function documentText(d: number, count: number, source: { text: () => string; headings: string[] }, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const year = 2010 + (d % 14)
  const lines = [`Rapport de la réunion ${d + 1} du Groupe de travail tenue à Vienne le ${1 + (d % 27)} ${pick(MONTHS)} ${year}`, '']
  for (let p = 0; p < count; p++) {
    if (p % PARAGRAPHS_PER_SECTION === 0) lines.push('', `  ${ROMAN[p / PARAGRAPHS_PER_SECTION]}. ${pick(source.headings)}`, '')
    lines.push(`${p + 1}. ${source.text()}`, '')
  }
  return lines.join('\n')
}

/**
 * Writes `passages` synthetic passages of one kind as seed files into `dir` (emptied first), and one more document
 * of 200 passages into `extra` (outside `dir`: the bench adds it to measure an incremental build). Deterministic.
 */
export async function writeSyntheticSeeds(dir: string, passages: number, kind: CorpusKind = 'repetitive', extra?: string, seed = 20240601): Promise<SyntheticCorpus> {
  const random = prng(seed)
  const source = await passageSource(kind, random, passages)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const documents = Math.ceil(passages / PASSAGES_PER_DOCUMENT)
  let textBytes = 0
  for (let d = 0; d < documents; d++) {
    const text = documentText(d, Math.min(PASSAGES_PER_DOCUMENT, passages - d * PASSAGES_PER_DOCUMENT), source, random)
    textBytes += Buffer.byteLength(text)
    await writeFile(join(dir, `${String(d).padStart(5, '0')}_synthetic.txt`), text)
  }
  if (extra) await writeFile(extra, documentText(documents, PASSAGES_PER_DOCUMENT, source, random))
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
