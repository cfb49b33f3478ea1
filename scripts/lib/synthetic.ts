// Synthetic French corpora for the scale benches, written as seed files and read by the real ingest and build.
//
// `repetitive`: each passage is one or two sentences drawn from the seeds (five reports on one subject), about one
// word in twelve swapped for a rare variant (a seed word with one or two letters changed). Query words are as
// common as in the seeds and thousands of passages share a stock sentence: the worst case.
// `varied`: sentences of PIAF's French Wikipedia paragraphs and of the seeds, a third of their words replaced by
// words drawn with the frequencies of the whole text (Zipf's law kept), rare variants as above, and one passage in
// thirty restating an earlier one of another document with a tenth of its words changed: the typical case.
// `topical`: as `varied`, but a passage's sentences all come from one PIAF paragraph or one seed report (one subject,
// as a report's paragraph has), so that texts on one subject share words: what gives the fake word-hash vectors
// (`wordContextEmbedder`) neighbourhoods a clustered vector index can use (not one of the scale bench's default corpora).
// Files are in the seeds' layout (title, roman-numbered sections, numbered paragraphs), 200 passages each.

import { readFile, mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { loadCorpus } from '../../src/ingest/load.js'
import type { Embedder } from '../../src/index/embedder.js'
import type { Passage } from '../../src/types.js'
import { prng } from './stats.js'

export const corpusKinds = ['repetitive', 'varied'] as const
export type CorpusKind = (typeof corpusKinds)[number] | 'topical'

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

/** PIAF's French Wikipedia paragraphs, the other source of the synthetic texts. */
async function piafParagraphs(): Promise<string[]> {
  return (await readFile(PIAF, 'utf8')).split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { text: string }).text)
}

/** The seed passages' texts, report by report. */
function reportTexts(passages: readonly Passage[]): string[][] {
  return [...new Set(passages.map((p) => p.docId))].map((doc) => passages.filter((p) => p.docId === doc).map((p) => p.text))
}

/** A generator of passage texts for one corpus kind, deterministic for a given seed. */
async function passageSource(kind: CorpusKind, random: () => number, passages: number): Promise<{ text: () => string; headings: string[] }> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const { passages: real } = await loadCorpus('seeds')
  const seedSentences = sentencesOf(real.map((p) => p.text))
  const piafTexts = kind === 'repetitive' ? [] : await piafParagraphs()
  const headings = [...new Set(real.flatMap((p) => p.section.map((s) => s.replace(/^[IVXA-H]+\.\s*/, ''))))].filter((h) => h.length > 8 && h.length < 90)
  const piaf = sentencesOf(piafTexts)
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
  // One subject a passage: a PIAF paragraph's sentences, or a seed report's.
  const subjects = [...piafTexts.map((text) => sentencesOf([text])), ...reportTexts(real).map(sentencesOf)].filter((s) => s.length > 0)
  const sentencesFor = () => {
    if (kind !== 'topical') return sentences
    return pick(subjects)
  }
  return {
    headings,
    text: () => {
      if (written.length > PASSAGES_PER_DOCUMENT && random() < RESTATED_SHARE) {
        const earlier = written[Math.floor(random() * (written.length - PASSAGES_PER_DOCUMENT))]!
        return earlier.replace(/\p{L}{4,}/gu, (word) => (random() < 0.1 ? pick(words) : word))
      }
      const from = sentencesFor()
      const text = withRareWords(Array.from({ length: 1 + Math.floor(random() * 3) }, () => replaced(pick(from))).join(' '))
      written.push(text)
      return text
    },
  }
}

/**
 * `passages` passage texts of one corpus kind, from the generator `writeSyntheticSeeds` uses, without the files, the
 * headings or the parse: the same statistics, not the same passages. Deterministic.
 */
export async function syntheticPassageTexts(passages: number, kind: CorpusKind = 'varied', seed = 20240601): Promise<string[]> {
  const source = await passageSource(kind, prng(seed), passages)
  return Array.from({ length: passages }, () => source.text())
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
  return fakeEmbedder(`random-unit-${dimension}`, dimension, vectorOf)
}

/**
 * A fake embedder whose vectors have a model's kind of neighbourhoods, by random indexing (Kanerva; Sahlgren 2005):
 * each of the texts the synthetic corpora draw from (PIAF's paragraphs, the seed reports) gets a sparse pseudo-random
 * vector (16 of the dimensions at ±1); a word's vector is the sum of those of the texts it occurs in, normalised and
 * weighted by its idf; a text's vector is the sum of its words' (four letters or more: most French function words are
 * shorter), normalised. Words of one subject get near vectors, so passages on one subject do (the `topical` texts);
 * a word no source text holds (a rare variant) gets its own sparse vector, weighted as a word of one text.
 * It measures the vector index's mechanics (clusters, probes, recall against exact search), not a model's quality: its
 * "model" knows exactly the subjects the corpus is drawn from, which a real model's neighbourhoods only approach.
 * Deterministic.
 */
export async function wordContextEmbedder(dimension = 384): Promise<Embedder> {
  const { passages: real } = await loadCorpus('seeds')
  const contexts = [...(await piafParagraphs()), ...reportTexts(real).map((texts) => texts.join(' '))]
  const wordsOf = (text: string) => text.toLowerCase().match(/\p{L}{4,}/gu) ?? []
  const sparse = (seed: number, into: Float32Array, weight: number) => {
    const random = prng(seed)
    for (let k = 0; k < 16; k++) into[Math.floor(random() * dimension)]! += random() < 0.5 ? -weight : weight
  }
  const hashOf = (word: string) => {
    let hash = 2166136261
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 16777619)
    return hash
  }
  const words = new Map<string, Float32Array>()
  const holders = new Map<string, number>()
  contexts.forEach((context, c) => {
    const index = new Float32Array(dimension)
    sparse(c * 7919 + 1, index, 1)
    for (const word of new Set(wordsOf(context))) {
      holders.set(word, (holders.get(word) ?? 0) + 1)
      let vector = words.get(word)
      if (!vector) words.set(word, (vector = new Float32Array(dimension)))
      for (let j = 0; j < dimension; j++) vector[j]! += index[j]!
    }
  })
  const idfOf = (held: number) => Math.log(contexts.length / held)
  for (const [word, vector] of words) {
    const scale = idfOf(holders.get(word)!) / Math.hypot(...vector)
    for (let j = 0; j < dimension; j++) vector[j]! *= scale
  }
  const own = idfOf(1) / 4 // 16 entries of ±1 have length 4
  const vectorOf = (text: string): Float32Array => {
    const vector = new Float32Array(dimension)
    for (const word of wordsOf(text)) {
      const known = words.get(word)
      if (known) for (let j = 0; j < dimension; j++) vector[j]! += known[j]!
      else sparse(hashOf(word), vector, own)
    }
    let norm = 0
    for (const x of vector) norm += x * x
    // A text without a word of four letters gets one fixed direction rather than a zero vector (which never scores).
    if (norm === 0) return vector.fill(1 / Math.sqrt(dimension))
    return vector.map((x) => x / Math.sqrt(norm))
  }
  return fakeEmbedder(`word-context-${dimension}`, dimension, vectorOf)
}

/** An embedder (a fake, not a model) made of a function of the text: queries and passages alike. */
function fakeEmbedder(id: string, dimension: number, vectorOf: (text: string) => Float32Array): Embedder {
  return {
    id,
    fingerprint: id,
    dimension,
    embedQuery: async (text) => vectorOf(text),
    embedPassages: async (texts, onProgress) => {
      const vectors = texts.map(vectorOf)
      onProgress?.(texts.length, texts.length)
      return vectors
    },
  }
}
