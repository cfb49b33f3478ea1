// OCR of a scanned page (no text layer), offline: the page of seed 002 rendered to a 300 dpi image and read back.

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { closeOcr, ocrPageReader } from '../../src/ingest/ocr.js'
import { parseBlocks } from '../../src/ingest/parse.js'
import { readPdf } from '../../src/ingest/pdf.js'
import { parsedSeed } from './helpers.js'
import { wordAccuracy } from './word-accuracy.js'

const cacheDir = await mkdtemp(join(tmpdir(), 'ingest-ocr-'))
const bytes = await readFile(new URL('../fixtures/ingest/scanned.pdf', import.meta.url))
const progress: Array<{ page: number; done: number; total: number; cached: boolean }> = []
const read = await readPdf(bytes, { ocrPage: ocrPageReader({ file: 'scanned.pdf', cacheDir, onProgress: (e) => progress.push(e) }) })
const scanned = parseBlocks('scanned.pdf', 'hash', read)

afterAll(async () => {
  await closeOcr()
  await rm(cacheDir, { recursive: true, force: true })
})

describe('a scanned page', () => {
  it('gives the paragraphs that start on it, on the page its footer prints, with the symbol of its header', () => {
    expect(scanned.passages.map((p) => p.paragraph)).toEqual(['8', '9', '10', '11', '12', '13'])
    expect(scanned.passages.every((p) => p.pages?.join() === '2')).toBe(true)
    expect(scanned.document).toMatchObject({ symbol: 'CTOC/COP/2022/3', ocrPages: [1], title: '' })
  })

  it('reads at least 97 % of the words right, against the seed’s text', () => {
    const seed = parsedSeed('002')
    const reference = scanned.passages.map((p) => seed.byLabel(p.paragraph).text).join(' ')
    expect(wordAccuracy(reference, scanned.passages.map((p) => p.text).join(' '))).toBeGreaterThanOrEqual(0.97)
  })

  it('caches the page by its hash: read again, it is not OCR’d again', async () => {
    expect(await readdir(cacheDir)).toHaveLength(1)
    const again = await readPdf(bytes, { ocrPage: ocrPageReader({ file: 'scanned.pdf', cacheDir, onProgress: (e) => progress.push(e) }) })
    expect(again.blocks).toEqual(read.blocks)
    expect(progress.map((e) => e.cached)).toEqual([false, true])
  })
})
