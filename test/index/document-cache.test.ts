// The build's caches: a rebuild recalls each unchanged document's parse and analysis (from the last build's state,
// else from its cache entry) instead of reading it again, re-reads what changed or what a damaged entry held, and
// keeps no entry for a document that is gone.

import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildIndex } from '../../src/index/build.js'
import { readIndex } from '../../src/index/store.js'

let work: string
let seedDir: string
let indexDir: string
const entries = () => join(indexDir, 'cache', 'documents')
const build = () => buildIndex({ seedDir, indexDir, embedder: null, modelRequested: null })
const filesOf = async (name: string) => (await readIndex(indexDir)).read(name)
const mtimes = async () => new Map(await Promise.all((await readdir(entries())).map(async (e) => [e, (await stat(join(entries(), e))).mtimeMs] as const)))

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ctoc-doccache-'))
  seedDir = join(work, 'seeds')
  indexDir = join(work, 'index')
  await cp('seeds', seedDir, { recursive: true })
  await build()
})
afterAll(() => rm(work, { recursive: true, force: true }))

describe('the document cache', () => {
  it('keeps one entry a document, and a rebuild reuses them all and writes the same index', async () => {
    const before = await mtimes()
    expect(before.size).toBe(5)
    const files = await Promise.all(['corpus.bin', 'keyword.bin', 'ngram.bin', 'variants.bin'].map(filesOf))
    await build()
    expect(await mtimes()).toEqual(before)
    const again = await Promise.all(['corpus.bin', 'keyword.bin', 'ngram.bin', 'variants.bin'].map(filesOf))
    again.forEach((file, i) => expect(file.equals(files[i]!)).toBe(true))
  })

  it('reads a changed document again and only that one, and drops the entry of its old content', async () => {
    const before = await mtimes()
    const file = join(seedDir, '004_af4c96732193f7cc.txt')
    await writeFile(file, (await readFile(file, 'utf8')).replace('La Thaïlande', 'Le Royaume de Thaïlande'))
    await build()
    const after = await mtimes()
    expect(after.size).toBe(5)
    expect([...after.keys()].filter((e) => before.get(e) === after.get(e))).toHaveLength(4)
    expect((await filesOf('corpus.bin')).includes(Buffer.from('Le Royaume de Thaïlande'))).toBe(true)
  })

  it('without the last build’s state, reads a document again when its entry is damaged, with the same result', async () => {
    const corpus = await filesOf('corpus.bin')
    await rm(join(indexDir, 'cache', 'state.bin'))
    const [entry] = [...(await mtimes()).keys()]
    const path = join(entries(), entry!)
    const bytes = await readFile(path)
    bytes[bytes.length - 5]! ^= 0xff
    await writeFile(path, bytes)
    await build()
    expect((await filesOf('corpus.bin')).equals(corpus)).toBe(true)
    expect((await readFile(path))[bytes.length - 5]).not.toBe(bytes[bytes.length - 5])
  })

  it('builds the same index when the last build’s state is damaged', async () => {
    const files = await Promise.all(['corpus.bin', 'keyword.bin', 'ngram.bin', 'variants.bin'].map(filesOf))
    const state = join(indexDir, 'cache', 'state.bin')
    const bytes = await readFile(state)
    bytes[bytes.length >> 1]! ^= 0xff
    await writeFile(state, bytes)
    await build()
    const again = await Promise.all(['corpus.bin', 'keyword.bin', 'ngram.bin', 'variants.bin'].map(filesOf))
    again.forEach((file, i) => expect(file.equals(files[i]!)).toBe(true))
  })

  it('keeps no entry for a document taken out of the corpus', async () => {
    await rm(join(seedDir, '004_af4c96732193f7cc.txt'))
    await build()
    expect((await mtimes()).size).toBe(4)
  })
})
