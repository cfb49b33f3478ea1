// Adding and removing a document rebuilds from what the last build kept (parses, analyses, embeddings), touches
// only that document, and gives exactly the index a full build of the same folder gives.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildIndex } from '../../src/index/build.js'
import type { Embedder } from '../../src/index/embedder.js'
import { fakeLettersEmbedder } from './fake-letters-embedder.js'
import { openEngine } from '../../src/search/open.js'
import { readIndex } from '../../src/index/store.js'

const COMPENDIUM = '001_f3a438cdd34e73ea.txt' // restates the 2012 recommendations: adding it makes variant groups
const MEETING_2021 = '003_b17467f420381ed3.txt' // restates the founding paragraph with 2012 and 2015
const FIRST = '000_f4384e2a98d04a30.txt'
const LAST = '004_af4c96732193f7cc.txt'
const FILES = ['corpus.bin', 'keyword.bin', 'ngram.bin', 'variants.bin', 'repairs.bin', 'vectors.bin']

let work: string
let seedDir: string
let indexDir: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ctoc-incremental-'))
  seedDir = join(work, 'seeds')
  indexDir = join(work, 'index')
  await cp('seeds', seedDir, { recursive: true })
  await rm(join(seedDir, COMPENDIUM))
  await buildIndex({ seedDir, indexDir, embedder: fakeLettersEmbedder(), modelRequested: 'letters-8' })
})
afterAll(() => rm(work, { recursive: true, force: true }))

const filesOf = async (dir: string) => {
  const index = await readIndex(dir)
  return Promise.all(FILES.map((name) => index.read(name)))
}

/** Builds the folder from scratch into a fresh index and checks the incremental index is the same, file for file. */
async function expectSameAsFullBuild(): Promise<void> {
  const fresh = join(work, `full-${Date.now()}`)
  await buildIndex({ seedDir, indexDir: fresh, embedder: fakeLettersEmbedder(), modelRequested: 'letters-8' })
  const [incremental, full] = [await filesOf(indexDir), await filesOf(fresh)]
  FILES.forEach((name, i) => expect(incremental[i]!.equals(full[i]!), `${name} differs from a full build`).toBe(true))
  await rm(fresh, { recursive: true, force: true })
}

describe('incremental builds', () => {
  it('adding a report reads and embeds only that report, and equals a full build', async () => {
    const before = await openEngine({ seedDir, indexDir, model: null, embedder: fakeLettersEmbedder(), build: 'never' })
    // The founding paragraph (2012 ¶1, 2021 ¶1) and the first meeting (2012 ¶59, 2021 ¶3: 13 of 23 content stems
    // once the scan's "1% juin" reads "1er juin", test/search/variants.test.ts).
    expect(before.engine.variants.groups).toHaveLength(2)
    await cp(join('seeds', COMPENDIUM), join(seedDir, COMPENDIUM))
    const embedder = fakeLettersEmbedder()
    const built = await buildIndex({ seedDir, indexDir, embedder, modelRequested: 'letters-8' })
    const compendium = (await openEngine({ seedDir, indexDir, model: null, embedder, build: 'never' })).engine
    const added = compendium.passages.filter((p) => p.file === COMPENDIUM)
    expect(embedder.embedded).toEqual(added.map((p) => p.text))
    expect(built.passages).toBe(301)
    expect(built.sources).toEqual({ previous: 4, cached: 0, parsed: 1 })
    expect(compendium.variants.groups).toHaveLength(57)
    expect(compendium.variants.groupOf('003_b17467f420381ed3.p1')?.members).toEqual(['000_f4384e2a98d04a30.p1', '001_f3a438cdd34e73ea.p1', '003_b17467f420381ed3.p1'])
    await expectSameAsFullBuild()
  })

  it('removing a report drops its passages and regroups its variants, and equals a full build', async () => {
    await rm(join(seedDir, MEETING_2021))
    const embedder = fakeLettersEmbedder()
    const built = await buildIndex({ seedDir, indexDir, embedder, modelRequested: 'letters-8' })
    expect(built.sources).toEqual({ previous: 4, cached: 0, parsed: 0 })
    expect(embedder.embedded).toEqual([])
    const { engine } = await openEngine({ seedDir, indexDir, model: null, embedder, build: 'never' })
    expect(engine.passages.some((p) => p.file === MEETING_2021)).toBe(false)
    expect(engine.variants.groupOf('001_f3a438cdd34e73ea.p1')?.members).toEqual(['000_f4384e2a98d04a30.p1', '001_f3a438cdd34e73ea.p1'])
    expect(engine.passage('003_b17467f420381ed3.p1')).toBeNull()
    await expectSameAsFullBuild()
  })

  it.each([
    ['last', LAST],
    ['first (every kept passage renumbered)', FIRST],
  ])('removing and adding back the report that sorts %s equals a full build', async (_, file) => {
    const text = await readFile(join(seedDir, file), 'utf8')
    await rm(join(seedDir, file))
    await buildIndex({ seedDir, indexDir, embedder: fakeLettersEmbedder(), modelRequested: 'letters-8' })
    await expectSameAsFullBuild()
    await writeFile(join(seedDir, file), text)
    const embedder = fakeLettersEmbedder()
    const built = await buildIndex({ seedDir, indexDir, embedder, modelRequested: 'letters-8' })
    expect(built.sources).toEqual({ previous: 3, cached: 0, parsed: 1 })
    expect(embedder.embedded).toEqual([]) // its vectors stayed in the embedding cache
    await expectSameAsFullBuild()
  })
})
