// The PDF reader on small PDFs written here with pdf-lib (real PDFs, read by the real pdf.js): which pages are text and
// which are scans, bold lines as headings, the printed page number, the page limit, and each refusal's message. The
// OCR is a fake that returns the page's number as its text: the real OCR is read in ocr.test.ts.

import { readFileSync } from 'node:fs'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import type { Block } from '../../src/ingest/blocks.js'
import { readPdf, type PageOcr } from '../../src/ingest/pdf.js'

/** Each page is a list of lines `[text, y, bold]` at 10 pt from the left margin; an empty list is a page with no text. */
type Line = [text: string, y: number, bold?: boolean]

async function makePdf(pages: Line[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const regular = await pdf.embedFont(StandardFonts.Helvetica)
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
  for (const lines of pages) {
    const page = pdf.addPage([595, 842])
    for (const [text, y, isBold] of lines) page.drawText(text, { x: 72, y, size: 10, font: isBold ? bold : regular })
  }
  return pdf.save()
}

const fakeOcr: PageOcr = async (_page, n, scanned) => [{ kind: 'paragraph', text: `scan of page ${n} (${scanned} scanned)`, page: n } satisfies Block]
const texts = (blocks: Block[]) => blocks.map((block) => [block.kind, block.page, block.text])
const fixture = (name: string) => readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url))

describe('pages of text and scanned pages', () => {
  it('a bold line is a heading, a regular one a paragraph; a PDF with no scan has no ocrPages', async () => {
    const read = await readPdf(await makePdf([[['I. Introduction', 760, true], ['1. Les États parties devraient coopérer.', 740]]]))
    expect(read).toEqual({
      pages: 1,
      blocks: [
        { kind: 'heading', page: 1, text: 'I. Introduction', lineNoteRefs: [[]] },
        { kind: 'paragraph', page: 1, text: '1. Les États parties devraient coopérer.', lineNoteRefs: [[]] },
      ],
    })
  })

  it('a page is cited at the number its footer prints; a page whose footer prints none keeps its place in the file', async () => {
    const read = await readPdf(await makePdf([
      [['1. Premier paragraphe.', 740], ['V.15-06043 9', 40]],
      [['2. Second paragraphe.', 740]],
    ]))
    expect(texts(read.blocks)).toEqual([
      ['furniture', 9, 'V.15-06043 9'],
      ['paragraph', 9, '1. Premier paragraphe.'],
      ['paragraph', 2, '2. Second paragraphe.'],
    ])
  })

  it('a page with no text, or only spaces, is a scan handed to OCR, and its blocks come back in page order', async () => {
    const read = await readPdf(await makePdf([[['1. Texte de la page un.', 740]], [], [['   ', 740]], [['4. Texte de la page quatre.', 740]]]), { ocrPage: fakeOcr })
    expect(texts(read.blocks)).toEqual([
      ['paragraph', 1, '1. Texte de la page un.'],
      ['paragraph', 2, 'scan of page 2 (2 scanned)'],
      ['paragraph', 3, 'scan of page 3 (2 scanned)'],
      ['paragraph', 4, '4. Texte de la page quatre.'],
    ])
    expect([read.pages, read.ocrPages]).toEqual([4, [2, 3]])
  })

  it('without OCR, the first page with no text layer is named in the refusal', async () => {
    await expect(readPdf(await makePdf([[['1. Texte.', 740]], [], []]))).rejects.toThrow('page 2 has no text layer (a scan) and OCR is not available.')
  })

  it('an ocrConcurrency of 0 still reads the scans, one at a time', async () => {
    const read = await readPdf(await makePdf([[], []]), { ocrPage: fakeOcr, ocrConcurrency: 0 })
    expect(read.blocks.map((block) => block.text)).toEqual(['scan of page 1 (2 scanned)', 'scan of page 2 (2 scanned)'])
  })
})

describe('what the reader refuses', () => {
  it('more pages than maxPages, with both counts in the message; exactly maxPages is read', async () => {
    const three = await makePdf([[['1. Un.', 740]], [['2. Deux.', 740]], [['3. Trois.', 740]]])
    await expect(readPdf(three, { maxPages: 2 })).rejects.toThrow('PDF of 3 pages: more than the 2 pages a report may have; split it or check it is the right file.')
    expect((await readPdf(three, { maxPages: 3 })).pages).toBe(3)
  })

  it('a file that does not start with %PDF within its first kilobyte', async () => {
    const pdf = await makePdf([[['1. Un paragraphe.', 740]]])
    const after = (junk: number) => new Uint8Array([...new Uint8Array(junk).fill(0x20), ...pdf])
    expect((await readPdf(after(1019))).blocks.map((block) => block.text)).toEqual(['1. Un paragraphe.'])
    await expect(readPdf(after(1020))).rejects.toThrow('not a PDF: the file does not start with %PDF (is it another format renamed .pdf?).')
    await expect(readPdf(new TextEncoder().encode('1. Un texte renommé .pdf\n'))).rejects.toThrow('not a PDF')
  })

  it('an encrypted PDF, and a damaged one, each with its reason', async () => {
    await expect(readPdf(fixture('encrypted.pdf'))).rejects.toThrow('encrypted PDF (it asks for a password): save an unprotected copy and add that.')
    const damaged = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF garbage')
    await expect(readPdf(damaged)).rejects.toThrow(/^damaged PDF: pdf\.js could not read it \(.+\)\.$/)
  })
})
