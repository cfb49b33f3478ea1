// How a PDF's scanned pages are handed to OCR: as many at a time as there are workers, their blocks put back in page
// order, the first failure stopping the rest. The OCR here is a fake (a delay, then the page's number as its text):
// the real OCR of a scanned page is read in ocr.test.ts.

import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import type { Block } from '../../src/ingest/blocks.js'
import { readPdf, type PageOcr } from '../../src/ingest/pdf.js'
import { UnreadableFile } from '../../src/ingest/unreadable.js'

/** A PDF of `pages` pages with no text layer: every page is a scan to read. */
async function scanOnly(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  for (let i = 0; i < pages; i++) pdf.addPage([200, 200])
  return pdf.save()
}

/** A fake OCR that takes longer on even pages (so they finish out of order) and notes how many run at once. */
function fakeOcr(failOn?: number) {
  const calls: number[] = []
  let running = 0
  let most = 0
  const ocrPage: PageOcr = async (_page, n, scanned) => {
    calls.push(n)
    running++
    most = Math.max(most, running)
    await new Promise((resolve) => setTimeout(resolve, n % 2 === 0 ? 40 : 5))
    running--
    if (n === failOn) throw new UnreadableFile(`page ${n} could not be read.`)
    return [{ kind: 'paragraph', text: `page ${n} of ${scanned} scanned`, page: n } satisfies Block]
  }
  return { ocrPage, calls, most: () => most }
}

describe('scanned pages of a PDF (with a fake OCR)', () => {
  it('are read two at a time with two workers, and come back in page order', async () => {
    const ocr = fakeOcr()
    const read = await readPdf(await scanOnly(5), { ocrPage: ocr.ocrPage, ocrConcurrency: 2 })
    expect(read.blocks.map((b) => b.text)).toEqual([1, 2, 3, 4, 5].map((n) => `page ${n} of 5 scanned`))
    expect(read.ocrPages).toEqual([1, 2, 3, 4, 5])
    expect(ocr.most()).toBe(2)
  })

  it('are read one by one by default', async () => {
    const ocr = fakeOcr()
    await readPdf(await scanOnly(3), { ocrPage: ocr.ocrPage })
    expect(ocr.most()).toBe(1)
  })

  it('stop at the first page that fails, and the file is reported unreadable', async () => {
    const ocr = fakeOcr(2)
    await expect(readPdf(await scanOnly(8), { ocrPage: ocr.ocrPage, ocrConcurrency: 2 })).rejects.toThrow('page 2 could not be read.')
    expect(ocr.calls.length).toBeLessThan(8)
  })
})
