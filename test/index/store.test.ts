import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { INDEX_FORMAT_VERSION, readIndex, writeIndex } from '../../src/index/store.js'
import type { IndexManifest } from '../../src/types.js'
import { tempDir } from '../temp.js'

const manifest = (hash: string): IndexManifest => ({
  formatVersion: INDEX_FORMAT_VERSION, corpusHash: hash, builtAt: '2026-01-01T00:00:00Z', buildMs: 1,
  documents: 1, passages: 2, model: null, modelRequested: null, modelNote: 'none',
})

describe('index store', () => {
  it('reports a missing index plainly', async () => {
    const root = await tempDir('idx-')
    await expect(readIndex(root)).rejects.toMatchObject({ code: 'INDEX_MISSING' })
  })

  it('swaps builds: the reader sees the newest complete build, and two builds are kept', async () => {
    const root = await tempDir('idx-')
    for (const hash of ['one', 'two', 'three']) {
      await writeIndex(root, manifest(hash), { 'corpus.json': `{"hash":"${hash}"}` })
      await new Promise((r) => setTimeout(r, 5))
    }
    const index = await readIndex(root)
    expect(index.manifest.corpusHash).toBe('three')
    expect((await index.read('corpus.json')).toString()).toBe('{"hash":"three"}')
    expect((await readdir(join(root, 'builds'))).length).toBe(2)
  })

  it('writes a new build over the files of the build it prunes, cut to their new length, and never over those it keeps', async () => {
    const root = await tempDir('idx-')
    const fileOf = (buildId: string) => join(root, 'builds', buildId, 'corpus.json')
    const first = await writeIndex(root, manifest('1'), { 'corpus.json': 'the first build, the longest' })
    await new Promise((r) => setTimeout(r, 5))
    const second = await writeIndex(root, manifest('2'), { 'corpus.json': 'the second' })
    const [firstInode, secondInode] = [(await stat(fileOf(first.buildId))).ino, (await stat(fileOf(second.buildId))).ino]
    await new Promise((r) => setTimeout(r, 5))
    const third = await writeIndex(root, manifest('3'), { 'corpus.json': 'the third' })
    expect((await readIndex(root)).manifest.buildId).toBe(third.buildId)
    expect((await (await readIndex(root)).read('corpus.json')).toString()).toBe('the third')
    expect((await stat(fileOf(third.buildId))).ino).toBe(firstInode)
    expect(await readFile(fileOf(second.buildId), 'utf8')).toBe('the second')
    expect((await stat(fileOf(second.buildId))).ino).toBe(secondInode)
    expect((await readdir(join(root, 'builds'))).sort()).toEqual([second.buildId, third.buildId])
  })

  it('takes over no file of the live build, nor of a build it keeps (an orphan newer than the live one)', async () => {
    const root = await tempDir('idx-')
    const live = await writeIndex(root, manifest('live'), { 'corpus.json': 'live' })
    // A build killed between the rename of its folder and the swap of CURRENT: kept by the next pruning, never served.
    const orphan = join(root, 'builds', live.buildId.replace(/[0-9a-f]+$/, 'zzzzzz'))
    await mkdir(orphan)
    await writeFile(join(orphan, 'corpus.json'), 'orphan')
    const liveInode = (await stat(join(root, 'builds', live.buildId, 'corpus.json'))).ino
    await new Promise((r) => setTimeout(r, 5))
    const next = await writeIndex(root, manifest('next'), { 'corpus.json': 'next' })
    expect((await stat(join(root, 'builds', next.buildId, 'corpus.json'))).ino).not.toBe(liveInode)
    expect(await readFile(join(orphan, 'corpus.json'), 'utf8')).toBe('orphan')
  })

  it('keeps the last good build when a build fails half way', async () => {
    const root = await tempDir('idx-')
    await writeIndex(root, manifest('good'), { 'corpus.json': 'good' })
    const failing = { 'corpus.json': 'new', 'sub/dir.json': 'cannot be written: no such folder' }
    await expect(writeIndex(root, manifest('bad'), failing)).rejects.toMatchObject({ code: 'INDEX_BUILD_FAILED' })
    const index = await readIndex(root)
    expect(index.manifest.corpusHash).toBe('good')
    expect((await readdir(join(root, 'builds'))).filter((e) => e.startsWith('.tmp'))).toEqual([])
  })

  it('detects a damaged file by its checksum', async () => {
    const root = await tempDir('idx-')
    const stored = await writeIndex(root, manifest('x'), { 'keyword.json': '{"a":1}' })
    await writeFile(join(root, 'builds', stored.buildId, 'keyword.json'), '{"a":2}')
    const index = await readIndex(root)
    await expect(index.read('keyword.json')).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining('damaged') })
  })

  it('refuses a manifest of another format version', async () => {
    const root = await tempDir('idx-')
    const stored = await writeIndex(root, manifest('x'), { 'corpus.json': '{}' })
    const path = join(root, 'builds', stored.buildId, 'manifest.json')
    const json = JSON.parse(await readFile(path, 'utf8'))
    await writeFile(path, JSON.stringify({ ...json, formatVersion: INDEX_FORMAT_VERSION + 1 }))
    await expect(readIndex(root)).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining('format') })
  })
})
