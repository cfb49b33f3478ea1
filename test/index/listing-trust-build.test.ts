// The index of one corpus never serves another, with hashes trusted from the last build: a report rewritten with
// the same size and touched back to its old modification time is still seen as changed: its change time moved
// (and now falls after the last listing). Turns red only when both the change-time and the racy checks are gone;
// test/ingest/listing-trust.test.ts breaks each rule alone.

import { cp, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildIndex } from '../../src/index/build.js'
import { decodeCorpus } from '../../src/index/corpus-file.js'
import { readIndex } from '../../src/index/store.js'
import { corpusHash, RACY_MS, sha256Hex } from '../../src/ingest/load.js'

let work: string
let seedDir: string
let indexDir: string
const build = () => buildIndex({ seedDir, indexDir, embedder: null, modelRequested: null })

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ctoc-trust-'))
  seedDir = join(work, 'seeds')
  indexDir = join(work, 'index')
  await cp('seeds', seedDir, { recursive: true })
  // Whole seconds, which a file's time can be set back to exactly (a fraction would not round-trip through utimes).
  const second = Math.floor(Date.now() / 1000) - 60
  for (const name of await readdir(seedDir)) await utimes(join(seedDir, name), second, second)
  // Older than the first build's listing by more than the racy window, so the next listing may trust its hashes.
  await new Promise((resolve) => setTimeout(resolve, RACY_MS + 100))
  await build()
})
afterAll(() => rm(work, { recursive: true, force: true }))

describe('a build trusting the hashes of files that have not moved', () => {
  it('records every file with its true hash', async () => {
    await build()
    const { manifest } = await readIndex(indexDir)
    for (const file of manifest.corpus!.files) expect(file.sha256).toBe(sha256Hex(await readFile(join(seedDir, file.path))))
  })

  it('sees a report rewritten with the same size and touched back to its old modification time', async () => {
    const path = join(seedDir, '004_af4c96732193f7cc.txt')
    const before = await stat(path)
    const text = await readFile(path, 'utf8')
    expect(text).toContain('La Thaïlande')
    await writeFile(path, text.replace('La Thaïlande', 'Le Thaïlande'))
    await utimes(path, before.atimeMs / 1000, before.mtimeMs / 1000)
    expect((await stat(path)).size).toBe(before.size)
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs)

    const { manifest } = await readIndex(indexDir)
    expect(await corpusHash(seedDir, manifest.corpus)).not.toBe(manifest.corpusHash)
    await build()
    const corpus = decodeCorpus(await (await readIndex(indexDir)).read('corpus.bin'))
    expect(corpus.passages.some((p) => p.text.includes('Le Thaïlande'))).toBe(true)
  })
})
