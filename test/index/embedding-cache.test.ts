// Embeddings are cached by passage text and model fingerprint: a rebuild embeds only passages it has not seen.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildIndex } from '../../src/index/build.js'
import type { Embedder } from '../../src/index/embedder.js'
import { readIndex } from '../../src/index/store.js'

// A fake embedder (eight dimensions from the letters of a text) that counts what it is asked to embed.
function countingEmbedder(fingerprint: string): Embedder & { embedded: string[] } {
  const embedded: string[] = []
  const vectorOf = (text: string) => {
    const vector = new Float32Array(8).fill(0.01)
    for (let i = 0; i < text.length; i++) vector[text.charCodeAt(i) % 8]! += 1
    return vector
  }
  return {
    id: 'letters-8',
    fingerprint,
    dimension: 8,
    embedded,
    embedQuery: async (text) => vectorOf(text),
    embedPassages: async (texts) => {
      embedded.push(...texts)
      return texts.map(vectorOf)
    },
  }
}

let work: string
let seedDir: string
let indexDir: string
const build = (embedder: Embedder) => buildIndex({ seedDir, indexDir, embedder, modelRequested: 'letters-8' })
const vectorsFile = async () => (await readIndex(indexDir)).read('vectors.bin')

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ctoc-embcache-'))
  seedDir = join(work, 'seeds')
  indexDir = join(work, 'index')
  await cp('seeds', seedDir, { recursive: true })
})
afterAll(() => rm(work, { recursive: true, force: true }))

describe('the embedding cache', () => {
  it('embeds every passage once, then none on a rebuild, with the same vectors', async () => {
    const first = countingEmbedder('model-a')
    const built = await build(first)
    expect(first.embedded).toHaveLength(built.passages)
    const vectors = await vectorsFile()
    const second = countingEmbedder('model-a')
    await build(second)
    expect(second.embedded).toEqual([])
    expect((await vectorsFile()).equals(vectors)).toBe(true)
  })

  it('embeds only the passage whose text changed', async () => {
    const file = join(seedDir, '004_af4c96732193f7cc.txt')
    await writeFile(file, (await readFile(file, 'utf8')).replace('La Thaïlande', 'Le Royaume de Thaïlande'))
    const embedder = countingEmbedder('model-a')
    await build(embedder)
    expect(embedder.embedded).toHaveLength(1)
    expect(embedder.embedded[0]).toContain('Le Royaume de Thaïlande')
  })

  it('embeds everything again for other model files', async () => {
    const embedder = countingEmbedder('model-b')
    const built = await build(embedder)
    expect(embedder.embedded).toHaveLength(built.passages)
  })
})
