// Every way an index on disk can be damaged gives a clear message, and openEngine rebuilds it; bad seeds are
// skipped with a reason while the good ones stay indexed.

import { createHash } from 'node:crypto'
import { cp, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Embedder } from '../../src/index/embedder.js'
import { openEngine } from '../../src/search/open.js'
import { INDEX_FORMAT_VERSION } from '../../src/index/store.js'

let work: string
let pristine: { indexDir: string; buildId: string }
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'damaged-'))
  const indexDir = join(work, 'pristine')
  pristine = { indexDir, buildId: (await open(indexDir)).manifest.buildId }
})
afterAll(() => rm(work, { recursive: true, force: true }))

let folders = 0
const folder = () => join(work, String(folders++))

// Eight-dimensional vectors from the letters of a text: enough to give the index a vectors.bin to damage.
const letterEmbedder: Embedder = {
  id: 'letters-8',
  fingerprint: 'fake: letters-8',
  dimension: 8,
  embedQuery: async (text) => vectorOf(text),
  embedPassages: async (texts) => texts.map(vectorOf),
}
function vectorOf(text: string): Float32Array {
  const vector = new Float32Array(8).fill(0.01)
  for (let i = 0; i < text.length; i++) vector[text.charCodeAt(i) % 8]! += 1
  return vector
}

const open = (indexDir: string, build: 'never' | 'if-needed' = 'if-needed', log?: (line: string) => void) =>
  openEngine({ seedDir: 'seeds', indexDir, model: null, embedder: letterEmbedder, build, log })

/** A copy of a whole index with every file (vectors included), and the path of its build folder. */
async function freshIndex(): Promise<{ indexDir: string; build: string }> {
  const indexDir = folder()
  await cp(pristine.indexDir, indexDir, { recursive: true })
  return { indexDir, build: join(indexDir, 'builds', pristine.buildId) }
}

// Replaces a file and fixes its size and checksum in the manifest, so only the file's own reader can tell. The
// checksum is listed as builds before CRC-32 listed it (SHA-256), which the store still reads.
async function replaceKeepingChecksum(build: string, name: string, data: Buffer | string): Promise<void> {
  await writeFile(join(build, name), data)
  const manifest = JSON.parse(await readFile(join(build, 'manifest.json'), 'utf8'))
  manifest.files[name] = { bytes: Buffer.byteLength(data), sha256: createHash('sha256').update(data).digest('hex') }
  await writeFile(join(build, 'manifest.json'), JSON.stringify(manifest))
}

const damages: Array<[string, (index: { indexDir: string; build: string }) => Promise<void>, RegExp]> = [
  ['corpus.bin truncated', ({ build }) => truncate(join(build, 'corpus.bin'), 100), /corpus\.bin is damaged/],
  ['keyword.bin truncated', ({ build }) => truncate(join(build, 'keyword.bin'), 1000), /keyword\.bin is damaged/],
  ['ngram.bin truncated', ({ build }) => truncate(join(build, 'ngram.bin'), 10), /ngram\.bin is damaged/],
  ['ngram.bin one byte flipped', async ({ build }) => {
    const data = await readFile(join(build, 'ngram.bin'))
    data[data.length >> 1]! ^= 0xff
    await writeFile(join(build, 'ngram.bin'), data)
  }, /ngram\.bin is damaged/],
  ['variants.bin missing', ({ build }) => rm(join(build, 'variants.bin')), /variants\.bin is missing/],
  ['vectors.bin truncated', ({ build }) => truncate(join(build, 'vectors.bin'), 64), /vectors\.bin is damaged/],
  ['vectors.bin one byte flipped', async ({ build }) => {
    const data = await readFile(join(build, 'vectors.bin'))
    data[data.length - 1]! ^= 0xff
    await writeFile(join(build, 'vectors.bin'), data)
  }, /vectors\.bin is damaged/],
  ['keyword.bin missing', ({ build }) => rm(join(build, 'keyword.bin')), /keyword\.bin is missing/],
  ['corpus.bin not an index file, checksum matching', ({ build }) => replaceKeepingChecksum(build, 'corpus.bin', '{"documents": [tru'), /corpus\.bin is not an index file/],
  ['corpus.bin cut short inside a section, checksum matching', async ({ build }) => {
    const data = await readFile(join(build, 'corpus.bin'))
    await replaceKeepingChecksum(build, 'corpus.bin', data.subarray(0, data.length - 100))
  }, /corpus\.bin is truncated/],
  ['keyword.bin not a keyword index, checksum matching', ({ build }) => replaceKeepingChecksum(build, 'keyword.bin', '{"hello":"world"}'), /keyword index file is unreadable/],
  ['ngram.bin of another format version, checksum matching', async ({ build }) => {
    const data = await readFile(join(build, 'ngram.bin'))
    const header = data.toString('latin1', 12, 12 + data.readUInt32LE(8))
    data.write(header.replace(/"version":\d+/, '"version":9'), 12, 'latin1')
    await replaceKeepingChecksum(build, 'ngram.bin', data)
  }, /ngram\.bin is in version 9 of its format/],
  ['variants.bin of another corpus, checksum matching', async ({ build }) => {
    const data = await readFile(join(build, 'variants.bin'))
    const header = data.toString('latin1', 12, 12 + data.readUInt32LE(8))
    data.write(header.replace(/"passages":301/, '"passages":302'), 12, 'latin1')
    await replaceKeepingChecksum(build, 'variants.bin', data)
  }, /variants\.bin was built for another corpus/],
  ['vectors.bin of zeros, checksum matching', ({ build }) => replaceKeepingChecksum(build, 'vectors.bin', Buffer.alloc(4096)), /vector/i],
  ['manifest of another format version', async ({ build }) => {
    const manifest = JSON.parse(await readFile(join(build, 'manifest.json'), 'utf8'))
    await writeFile(join(build, 'manifest.json'), JSON.stringify({ ...manifest, formatVersion: INDEX_FORMAT_VERSION + 1 }))
  }, new RegExp(`format ${INDEX_FORMAT_VERSION + 1}, this program reads format ${INDEX_FORMAT_VERSION}`)],
  ['manifest truncated', ({ build }) => truncate(join(build, 'manifest.json'), 20), /manifest of build .* is missing or unreadable/],
  ['manifest listing no files', async ({ build }) => writeFile(join(build, 'manifest.json'), JSON.stringify({ formatVersion: INDEX_FORMAT_VERSION })), /lists no files/],
  ['CURRENT naming a build that is gone', ({ indexDir }) => writeFile(join(indexDir, 'CURRENT'), '20990101-000000-abcdef\n'), /manifest of build 20990101-000000-abcdef is missing/],
  ['CURRENT holding a path', ({ indexDir }) => writeFile(join(indexDir, 'CURRENT'), '../../etc\n'), /does not name a build/],
  ['CURRENT empty', ({ indexDir }) => writeFile(join(indexDir, 'CURRENT'), ''), /does not name a build/],
]

describe('a damaged index', () => {
  it.each(damages)('%s: a clear message when only reading, a rebuild when allowed', async (_, damage, message) => {
    const index = await freshIndex()
    await damage(index)
    const refused = await open(index.indexDir, 'never').then(
      () => null,
      (error: { code: string; message: string }) => error,
    )
    expect(refused?.code).toBe('INDEX_CORRUPT')
    expect(refused?.message).toMatch(message)
    expect(refused?.message).toMatch(/npm run index|rebuild/)
    const lines: string[] = []
    const rebuilt = await open(index.indexDir, 'if-needed', (line) => lines.push(line))
    expect(rebuilt.rebuiltBecause).toMatch(/unreadable/)
    expect(lines.join('\n')).toMatch(message)
    expect(rebuilt.engine.passages.length).toBe(301)
    expect(rebuilt.engine.semanticStatus.dense).toBe(true)
    expect((await rebuilt.engine.search({ q: '"geler et confisquer"' })).total).toBe(2)
  })
})

describe('bad seeds', () => {
  const bad: Array<[string, Buffer | string, RegExp]> = [
    ['empty.txt', '', /empty file \(0 bytes\)/],
    ['blank.txt', ' \n\t\n', /whitespace only/],
    ['binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a]), /binary file/],
    ['latin1.txt', Buffer.from('1. Les États parties devraient coopérer.', 'latin1'), /not valid UTF-8/],
    ['no-passage.md', 'just one line with no paragraph', /no passage found/],
  ]

  it('are skipped with a reason each; the good seeds are indexed and nothing already indexed is lost', async () => {
    const seedDir = folder()
    const indexDir = folder()
    await cp('seeds', seedDir, { recursive: true })
    const before = await openEngine({ seedDir, indexDir, model: null })
    for (const [file, data] of bad) await writeFile(join(seedDir, file), data)
    const after = await openEngine({ seedDir, indexDir, model: null })
    expect(after.rebuiltBecause).toBe('the seed documents changed')
    for (const [file, , reason] of bad) expect(after.problems.find((p) => p.file === file)?.message).toMatch(reason)
    expect(after.engine.documents.map((d) => d.id)).toEqual(before.engine.documents.map((d) => d.id))
    expect(after.engine.passages.map((p) => p.id)).toEqual(before.engine.passages.map((p) => p.id))
    expect((await after.engine.search({ q: '"geler et confisquer"' })).total).toBe(2)
  })
})
