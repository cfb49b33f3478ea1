// Embeddings are cached by passage text and model fingerprint: a rebuild embeds only passages it has not seen.

import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildIndex } from '../../src/index/build.js'
import type { Embedder } from '../../src/index/embedder.js'
import { fakeLettersEmbedder } from './fake-letters-embedder.js'
import { decodeSections, encodeSections } from '../../src/binary/sections.js'
import { createHash } from 'node:crypto'
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

describe('an incremental build over a damaged cache', () => {
  async function fresh(name: string) {
    const dir = join(work, name)
    await cp('seeds', join(dir, 'seeds'), { recursive: true })
    const rebuild = (embedder: Embedder) => buildIndex({ seedDir: join(dir, 'seeds'), indexDir: join(dir, 'index'), embedder, modelRequested: 'letters-8' })
    const built = await rebuild(fakeLettersEmbedder('model-a'))
    return { dir, rebuild, built, cacheDir: join(dir, 'index', 'cache', 'embeddings') }
  }

  it('embeds the kept passages again when the cache was lost, so a rebuild from the caches alone embeds nothing', async () => {
    const { dir, rebuild, cacheDir } = await fresh('lost')
    await rm(cacheDir, { recursive: true })
    const report = join(dir, 'seeds', '002_8963f6d1a9de86f3.txt')
    await writeFile(join(dir, 'seeds', '009_copy.txt'), await readFile(report, 'utf8'))
    await rm(report)
    const added = fakeLettersEmbedder('model-a')
    const built = await rebuild(added)
    // Every passage: the kept ones had lost their cached vectors (the added report's own are cached under its texts).
    expect(added.embedded).toHaveLength(built.passages)
    await rm(join(dir, 'index', 'cache', 'state.bin'))
    const fromCaches = fakeLettersEmbedder('model-a')
    await rebuild(fromCaches)
    expect(fromCaches.embedded).toEqual([])
  })

  it('embeds a report again when the segment of its add was lost, the corpus holding duplicate texts', async () => {
    // A copy of a report: its texts are counted once in the cache, so the cache holds fewer vectors than there are
    // kept passages, and whether it lacks some is known only from how many distinct texts the build has.
    const { dir, rebuild, cacheDir } = await fresh('lost-segment')
    const compendium = join(dir, 'seeds', '001_f3a438cdd34e73ea.txt')
    const text = await readFile(compendium, 'utf8')
    await rm(compendium)
    await writeFile(join(dir, 'seeds', '009_copy.txt'), await readFile(join(dir, 'seeds', '002_8963f6d1a9de86f3.txt'), 'utf8'))
    await rm(join(dir, 'index', 'cache', 'state.bin'))
    await rebuild(fakeLettersEmbedder('model-a'))
    const before = new Set(await readdir(cacheDir))
    await writeFile(compendium, text)
    const added = fakeLettersEmbedder('model-a')
    await rebuild(added)
    expect(added.embedded.length).toBeGreaterThan(0)
    const [segment] = (await readdir(cacheDir)).filter((name) => !before.has(name))
    await rm(join(cacheDir, segment!))
    await rm(join(dir, 'seeds', '009_copy.txt'))
    const removed = fakeLettersEmbedder('model-a')
    await rebuild(removed)
    expect(removed.embedded).toEqual(added.embedded)
  })

  it('does not read a segment cut short: its passages are embedded again', async () => {
    const { dir, rebuild, built, cacheDir } = await fresh('cut-short')
    const [name] = (await readdir(cacheDir)).filter((n) => n.endsWith('.bin'))
    const bytes = await readFile(join(cacheDir, name!))
    await writeFile(join(cacheDir, name!), bytes.subarray(0, bytes.length - 4))
    await rm(join(dir, 'index', 'cache', 'state.bin'))
    const embedder = fakeLettersEmbedder('model-a')
    await rebuild(embedder)
    expect(embedder.embedded).toHaveLength(built.passages)
  })
})

describe('an embedding cache of the layout before segments (version 1)', () => {
  // Version 1, spelled out here as it was written: one file a model, named by the SHA-256 of
  // `1\0<fingerprint>\0<dimension>`, holding `keys` (16 bytes a text) and `vectors`, with one SHA-256 over both.
  async function downgradeCache(dir: string, fingerprint: string, dimension: number): Promise<void> {
    const [name, ...others] = (await readdir(dir)).filter((n) => n.endsWith('.bin'))
    expect(others).toEqual([])
    const current = decodeSections(await readFile(join(dir, name!)), 'embeddings', 2, name!)
    const keys = current.section('keys', Uint8Array)
    const vectors = current.section('vectors', Float32Array)
    const sha256 = createHash('sha256').update(keys).update(new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength)).digest('hex')
    await rm(join(dir, name!))
    const legacy = createHash('sha256').update(`1\0${fingerprint}\0${dimension}`).digest('hex')
    await writeFile(join(dir, `${legacy}.bin`), Buffer.concat(encodeSections('embeddings', 1, { sha256 }, { keys, vectors })))
  }

  it('is read: the first build after an upgrade embeds only what changed, and folds it into the current layout', async () => {
    const dir = join(work, 'upgrade')
    await cp('seeds', join(dir, 'seeds'), { recursive: true })
    const upgrade = (embedder: Embedder) => buildIndex({ seedDir: join(dir, 'seeds'), indexDir: join(dir, 'index'), embedder, modelRequested: 'letters-8' })
    await upgrade(fakeLettersEmbedder('model-a'))
    const cacheDir = join(dir, 'index', 'cache', 'embeddings')
    await downgradeCache(cacheDir, 'model-a', 8)

    const file = join(dir, 'seeds', '004_af4c96732193f7cc.txt')
    await writeFile(file, (await readFile(file, 'utf8')).replace('La Thaïlande', 'Le Royaume de Thaïlande'))
    const first = fakeLettersEmbedder('model-a')
    await upgrade(first)
    expect(first.embedded).toHaveLength(1)
    expect(first.embedded[0]).toContain('Le Royaume de Thaïlande')
    const names = (await readdir(cacheDir)).filter((n) => n.endsWith('.bin'))
    expect(names).toEqual([`${createHash('sha256').update(['2', 'model-a', '8'].join('\0')).digest('hex')}.bin`])

    const vectors = await (await readIndex(join(dir, 'index'))).read('vectors.bin')
    await rm(join(dir, 'index', 'cache', 'state.bin'))
    const again = fakeLettersEmbedder('model-a')
    await upgrade(again)
    expect(again.embedded).toEqual([])
    expect((await (await readIndex(join(dir, 'index'))).read('vectors.bin')).equals(vectors)).toBe(true)
  })

  it('is not read when damaged: its passages are embedded again', async () => {
    const dir = join(work, 'upgrade-damaged')
    await cp('seeds', join(dir, 'seeds'), { recursive: true })
    const upgrade = (embedder: Embedder) => buildIndex({ seedDir: join(dir, 'seeds'), indexDir: join(dir, 'index'), embedder, modelRequested: 'letters-8' })
    const built = await upgrade(fakeLettersEmbedder('model-a'))
    const cacheDir = join(dir, 'index', 'cache', 'embeddings')
    await downgradeCache(cacheDir, 'model-a', 8)
    const [name] = (await readdir(cacheDir)).filter((n) => n.endsWith('.bin'))
    const bytes = await readFile(join(cacheDir, name!))
    bytes[bytes.length - 1]! ^= 0x40
    await writeFile(join(cacheDir, name!), bytes)
    const embedder = fakeLettersEmbedder('model-a')
    await upgrade(embedder)
    expect(embedder.embedded).toHaveLength(built.passages)
  })
})
