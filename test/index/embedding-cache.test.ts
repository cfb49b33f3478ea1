// Embeddings are cached by passage text and model fingerprint: a rebuild embeds only passages it has not seen.

import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildIndex } from '../../src/index/build.js'
import type { Embedder } from '../../src/index/embedder.js'
import { fakeLettersEmbedder } from './fake-letters-embedder.js'
import { readIndex } from '../../src/index/store.js'

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
    const first = fakeLettersEmbedder('model-a')
    const built = await build(first)
    expect(first.embedded).toHaveLength(built.passages)
    const vectors = await vectorsFile()
    const second = fakeLettersEmbedder('model-a')
    await build(second)
    expect(second.embedded).toEqual([])
    expect((await vectorsFile()).equals(vectors)).toBe(true)
  })

  it('embeds only the passage whose text changed', async () => {
    const file = join(seedDir, '004_af4c96732193f7cc.txt')
    await writeFile(file, (await readFile(file, 'utf8')).replace('La Thaïlande', 'Le Royaume de Thaïlande'))
    const embedder = fakeLettersEmbedder('model-a')
    await build(embedder)
    expect(embedder.embedded).toHaveLength(1)
    expect(embedder.embedded[0]).toContain('Le Royaume de Thaïlande')
  })

  it('keeps the vectors of every passage through incremental builds: a rebuild from the caches alone embeds nothing', async () => {
    const report = '002_8963f6d1a9de86f3.txt'
    const text = await readFile(join(seedDir, report), 'utf8')
    await rm(join(seedDir, report))
    await build(fakeLettersEmbedder('model-a'))
    await writeFile(join(seedDir, report), text)
    const readded = fakeLettersEmbedder('model-a')
    await build(readded)
    expect(readded.embedded).toEqual([])
    await rm(join(indexDir, 'cache', 'state.bin'))
    const fromCaches = fakeLettersEmbedder('model-a')
    await build(fromCaches)
    expect(fromCaches.embedded).toEqual([])
  })

  it('embeds again only the passages whose cached vector is damaged', async () => {
    await rm(join(indexDir, 'cache', 'state.bin'))
    const dir = join(indexDir, 'cache', 'embeddings')
    const [name] = (await readdir(dir)).filter((n) => n.endsWith('.bin'))
    const file = await readFile(join(dir, name!))
    file[file.length - 1]! ^= 0x40 // the last vector's last value
    await writeFile(join(dir, name!), file)
    const embedder = fakeLettersEmbedder('model-a')
    await build(embedder)
    expect(embedder.embedded).toHaveLength(1)
  })

  it('embeds everything again for other model files', async () => {
    const embedder = fakeLettersEmbedder('model-b')
    const built = await build(embedder)
    expect(embedder.embedded).toHaveLength(built.passages)
  })
})
