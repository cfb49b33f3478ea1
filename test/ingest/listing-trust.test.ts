// The corpus listing reuses the last listing's hash of a file only while the file's size, modification and change
// times have not moved and it was written well before that listing (git's racy-clean rule). Each case forges the
// last listing's hash: it comes back only when the file was not read again.

import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listCorpus, RACY_MS } from '../../src/ingest/load.js'
import type { CorpusListing } from '../../src/types.js'

const TEXT = 'I. Introduction\n\n1. Les Etats parties devraient coopérer.\n'
const FORGED = 'f'.repeat(64)
const real = createHash('sha256').update(TEXT).digest('hex')

let dir: string
let last: CorpusListing
let file: CorpusListing['files'][number]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctoc-listing-'))
  await writeFile(join(dir, 'a.txt'), TEXT)
  last = (await listCorpus(dir)).listing
  file = last.files[0]!
})
afterAll(() => rm(dir, { recursive: true, force: true }))

// The last listing, as if made `after` ms past the file's last write, with `change` applied to its entry.
function lastListing(after: number, change: Partial<CorpusListing['files'][number]> = {}, folder = last.dir): CorpusListing {
  return { dir: folder, listedAt: Math.max(file.mtimeMs!, file.ctimeMs!) + after, files: [{ ...file, sha256: FORGED, ...change }] }
}
const hashOf = async (known: CorpusListing) => (await listCorpus(dir, { known })).documents[0]!.sha256

describe('listing the corpus with the last listing', () => {
  it('records each file with its size and times, and when the listing began', () => {
    expect(file).toMatchObject({ path: 'a.txt', sha256: real, bytes: Buffer.byteLength(TEXT) })
    expect(file.mtimeMs).toBeGreaterThan(0)
    expect(file.ctimeMs).toBeGreaterThan(0)
    expect(last.listedAt).toBeGreaterThanOrEqual(Math.floor(file.ctimeMs!))
  })

  it('keeps the recorded hash, without reading the file, when its size and times are unchanged and older than that listing', async () => {
    expect(await hashOf(lastListing(RACY_MS + 1))).toBe(FORGED)
  })

  it('reads a file written within RACY_MS of the last listing: it may have changed again in the same tick', async () => {
    expect(await hashOf(lastListing(RACY_MS - 1))).toBe(real)
  })

  it('reads a file whose size, modification time or change time moved', async () => {
    expect(await hashOf(lastListing(RACY_MS + 1, { bytes: file.bytes + 1 }))).toBe(real)
    expect(await hashOf(lastListing(RACY_MS + 1, { mtimeMs: file.mtimeMs! - 1 }))).toBe(real)
    expect(await hashOf(lastListing(RACY_MS + 1, { ctimeMs: file.ctimeMs! - 1 }))).toBe(real)
  })

  it('reads every file when the last listing is of another folder, or has no times', async () => {
    expect(await hashOf(lastListing(RACY_MS + 1, {}, join(dir, 'elsewhere')))).toBe(real)
    expect(await hashOf({ ...lastListing(RACY_MS + 1), listedAt: undefined } as unknown as CorpusListing)).toBe(real)
    expect(await hashOf(lastListing(RACY_MS + 1, { mtimeMs: undefined, ctimeMs: undefined } as unknown as CorpusListing['files'][number]))).toBe(real)
  })
})
