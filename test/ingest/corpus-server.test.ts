// End to end through the real server: a corpus folder named by CORPUS_DIR, holding a UN-layout PDF, a Word report
// and a scanned page in subfolders, serves every numbered paragraph of each with its symbol, page and clean text.

import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../scripts/lib/server.js'
import { closeOcr } from '../../src/ingest/ocr.js'
import { parsedSeed } from './helpers.js'

let work = ''
let server: RunningServer
const get = async <T>(path: string): Promise<T> => (await (await fetch(`${server.url}${path}`)).json()) as T

interface Served {
  paragraph: string
  text: string
  pages?: number[]
  citation: { symbol: string; page?: string; label: string }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ingest-corpus-'))
  const corpus = join(work, 'reports')
  await mkdir(join(corpus, '2015'), { recursive: true })
  await mkdir(join(corpus, 'scans'), { recursive: true })
  const fixture = (name: string) => new URL(`../fixtures/ingest/${name}`, import.meta.url)
  await copyFile(fixture('un-layout.pdf'), join(corpus, '2015', 'un-layout.pdf'))
  await copyFile(fixture('report.docx'), join(corpus, 'report.docx'))
  await copyFile(fixture('scanned.pdf'), join(corpus, 'scans', 'scanned.pdf'))
  await writeFile(join(corpus, 'notes.odt'), 'x')
  server = await startServer({ indexDir: join(work, 'index'), env: { CORPUS_DIR: corpus }, timeoutMs: 240_000 })
}, 300_000)

afterAll(async () => {
  await server?.stop()
  await closeOcr()
  if (work) await rm(work, { recursive: true, force: true })
})

async function served(docId: string): Promise<Served[]> {
  const document = await get<{ passages: Array<{ id: string }> }>(`/documents/${docId}`)
  return Promise.all(document.passages.map((p) => get<Served>(`/passages/${p.id}`)))
}

describe('a corpus folder of PDF, Word and scanned reports, through the server', () => {
  it('lists the three documents by their paths', async () => {
    const { documents } = await get<{ documents: Array<{ id: string; file: string; format: string }> }>('/documents')
    expect(documents.map((d) => [d.id, d.file, d.format])).toEqual([
      ['2015-un-layout', '2015/un-layout.pdf', 'pdf'],
      ['report', 'report.docx', 'docx'],
      ['scans-scanned', 'scans/scanned.pdf', 'pdf'],
    ])
  })

  it('the PDF: ¶1–92 with the header’s symbol, their page and the seed’s text', async () => {
    const passages = await served('2015-un-layout')
    const seed = parsedSeed('001', false)
    expect(passages.map((p) => p.paragraph)).toEqual(seed.passages.map((p) => p.paragraph))
    for (const passage of passages) {
      expect(passage.citation.symbol).toBe('CTOC/COP/WG.7/2015/5')
      expect(passage.citation.label).toBe(`CTOC/COP/WG.7/2015/5, par. ${passage.paragraph}, p. ${passage.citation.page}`)
      expect(passage.text.replace(/-/g, '')).toBe(seed.byLabel(passage.paragraph).text.replace(/-/g, ''))
    }
    expect(passages.find((p) => p.paragraph === '36')!.citation.page).toBe('4')
  })

  it('the Word report: its numbers rebuilt, its texts exact, cited by its short name (it states no symbol)', async () => {
    const passages = await served('report')
    const seed = parsedSeed('003', false)
    expect(passages.map((p) => [p.paragraph, p.text])).toEqual(seed.passages.map((p) => [p.paragraph, p.text]))
    // No catalogue entry here: the head of its title and its year, not the 20-word title.
    expect(passages[0]!.citation.label).toBe('Rapport de la réunion (2021), par. 1')
  })

  it('the scanned page: ¶8–13 read by OCR, with the symbol of its header and page 2', async () => {
    const passages = await served('scans-scanned')
    expect(passages.map((p) => p.citation.label)).toEqual(['8', '9', '10', '11', '12', '13'].map((n) => `CTOC/COP/2022/3, par. ${n}, p. 2`))
  })

  it('says while building how the OCR goes, page by page, and at the end which files were skipped and why', () => {
    const output = server.output()
    expect(output).toMatch(/^OCR scans\/scanned\.pdf: page 1 \(1 of 1 scanned\) in \d+\.\d s$/m)
    // The total is written `35 s` or, on a loaded machine, `1 min 7 s` (src/cli/progress.ts).
    expect(output).toMatch(/^OCR scans\/scanned\.pdf: 1 scanned page in (?:\d+ min )?\d+ s$/m)
    expect(output).toContain('Skipped 1 file (not in the index):\n  notes.odt: unsupported format (.odt): the corpus reads .pdf, .docx, .txt and .md.\n')
    expect(output.indexOf('Skipped 1 file')).toBeGreaterThan(output.indexOf('Writing index'))
  })

  it('finds the scanned page’s words by search', async () => {
    const response = await get<{ results: Array<{ id: string }> }>('/search?q=%22dialogue%20constructif%22&mode=keyword')
    expect(response.results.map((r) => r.id)).toContain('scans-scanned.p12')
  })
})
