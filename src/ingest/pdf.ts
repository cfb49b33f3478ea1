// The PDF reader: bytes → blocks, with pdf.js for the text items and our own layout pass. A page with no text
// layer is handed to `ocrPage` (scanned reports). Refuses, with a message that says why, what it cannot read.

import { getDocument, type PDFDocumentProxy, type PDFPageProxy } from './pdfjs.js'
import type { Block, ReadDocument } from './blocks.js'
import { bodySize, layoutPage, repeatedMarginTexts, type PageText, type TextItem } from './layout.js'
import { UnreadableFile } from './unreadable.js'

/** Longer PDFs are refused: a report is a few dozen pages; a 2,000-page file is a book or a mistake. */
export const MAX_PDF_PAGES = 2000

/** Reads a page that has no text layer (OCR); gives back its blocks. `scannedPages`: how many of the file's pages are read so. */
export type PageOcr = (page: PDFPageProxy, pageNumber: number, scannedPages: number) => Promise<Block[]>

export interface PdfOptions {
  /** Called for each page with no text; without it such pages are reported as unreadable. */
  ocrPage?: PageOcr
  /** Scanned pages read at the same time (one per OCR worker). Defaults to 1. */
  ocrConcurrency?: number
  maxPages?: number
}

/** Opens a PDF with pdf.js (no worker thread, no fonts loaded, nothing fetched). */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  if (!startsWithPdfHeader(bytes)) throw new UnreadableFile('not a PDF: the file does not start with %PDF (is it another format renamed .pdf?).')
  try {
    return await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false }).promise
  } catch (error) {
    const name = (error as Error).name
    if (name === 'PasswordException') throw new UnreadableFile('encrypted PDF (it asks for a password): save an unprotected copy and add that.')
    throw new UnreadableFile(`damaged PDF: pdf.js could not read it (${(error as Error).message}).`)
  }
}

export async function readPdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<ReadDocument> {
  const { maxPages = MAX_PDF_PAGES } = options
  const pdf = await openPdf(bytes)
  try {
    if (pdf.numPages > maxPages) throw new UnreadableFile(`PDF of ${pdf.numPages} pages: more than the ${maxPages} pages a report may have; split it or check it is the right file.`)
    const pages: Array<PageText | number> = []
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n)
      const text = await pageText(page, n).catch((error: unknown) => {
        throw new UnreadableFile(`damaged PDF: page ${n} could not be read (${(error as Error).message}).`)
      })
      pages.push(text.items.length > 0 ? text : n)
      page.cleanup()
    }
    const laid = pages.filter((page): page is PageText => typeof page !== 'number')
    const body = bodySize(laid)
    const repeated = repeatedMarginTexts(laid)
    const ocrPages = pages.filter((page): page is number => typeof page === 'number')
    const scans = await readScans(pdf, ocrPages, options)
    const blocks: Block[] = []
    for (const entry of pages) {
      if (typeof entry === 'number') {
        blocks.push(...scans.get(entry)!)
        continue
      }
      const { blocks: pageBlocks, printedPage } = layoutPage(entry, body, repeated)
      blocks.push(...withPrintedPage(pageBlocks, printedPage))
    }
    return { blocks, pages: pdf.numPages, ...(ocrPages.length > 0 ? { ocrPages } : {}) }
  } finally {
    await pdf.destroy()
  }
}

/** The scanned pages' blocks by page number, `ocrConcurrency` pages at a time; the first failure stops the rest. */
async function readScans(pdf: PDFDocumentProxy, scanned: readonly number[], options: PdfOptions): Promise<Map<number, Block[]>> {
  const read = new Map<number, Block[]>()
  if (scanned.length === 0) return read
  const { ocrPage } = options
  if (!ocrPage) throw new UnreadableFile(`page ${scanned[0]} has no text layer (a scan) and OCR is not available.`)
  let next = 0
  let failed = false
  const lane = async () => {
    while (next < scanned.length && !failed) {
      const n = scanned[next++]!
      try {
        read.set(n, await ocrPage(await pdf.getPage(n), n, scanned.length))
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.ocrConcurrency ?? 1, scanned.length)) }, lane))
  return read
}

/**
 * The page a reader cites is the one printed on it (`V.15-06043 9`); a page whose footer prints no number
 * keeps its place in the file.
 */
export function withPrintedPage(blocks: Block[], printed: number | null): Block[] {
  if (printed === null) return blocks
  return blocks.map((block) => ({ ...block, page: printed }))
}

async function pageText(page: PDFPageProxy, n: number): Promise<PageText> {
  const [, , width, height] = page.view as [number, number, number, number]
  const content = await page.getTextContent()
  const raw = content.items.filter((item): item is Extract<typeof item, { str: string }> => 'str' in item && item.str.length > 0)
  if (!raw.some((item) => item.str.trim() !== '')) return { page: n, width, height, items: [] }
  await page.getOperatorList()
  const items: TextItem[] = raw.map((item) => {
    const [a, b, c, d, e, f] = item.transform as number[]
    return { text: item.str.replace(/\u00ad/g, ''), x: e!, y: f!, width: item.width, size: Math.hypot(c!, d!) || Math.hypot(a!, b!), bold: isBold(page, item.fontName) }
  })
  return { page: n, width, height, items }
}

function isBold(page: PDFPageProxy, fontName: string): boolean {
  try {
    const font = page.commonObjs.get(fontName) as { name?: string; bold?: boolean; black?: boolean } | undefined
    return Boolean(font?.bold || font?.black || /bold|black|heavy|semibold/i.test(font?.name ?? ''))
  } catch {
    return false
  }
}

function startsWithPdfHeader(bytes: Uint8Array): boolean {
  // The header may follow a little junk (the PDF specification allows it within the first kilobyte).
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1')
  return head.includes('%PDF-')
}
