// OCR of scanned PDF pages, offline: pdf.js renders the page (on @napi-rs/canvas), tesseract.js reads it with the
// French model installed by `@tesseract.js-data/fra` (never fetched: the model path is a local folder). Each page's
// text is cached by the hash of its rendering, so a rebuild never reads a page twice. Workers: one per core, at most.

import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { Block } from './blocks.js'
import { writeAtomically } from './load.js'
import { printedPageOf } from './layout.js'
import { withPrintedPage, type PageOcr } from './pdf.js'
import { UnreadableFile } from './unreadable.js'

/**
 * Progress of OCR: scanned page `page` of the file's `total` pages read (`done` scanned pages so far), in `seconds`
 * (rendering included), from the page cache or not, with the estimated seconds left for the file's pages after it.
 */
export type OcrProgress = (event: { file: string; page: number; done: number; total: number; seconds: number; etaSeconds: number | null; cached: boolean }) => void

export interface OcrOptions {
  file: string
  /** Folder of the page cache; none when absent. */
  cacheDir?: string
  onProgress?: OcrProgress
  /** Folder holding `fra.traineddata.gz`; defaults to `@tesseract.js-data/fra`'s LSTM model. */
  langPath?: string
}

/** Rendering resolution: 300 dpi, what a scanner gives and what tesseract reads best. */
const SCALE = 300 / 72
/** Text in the top or bottom 7 % of a scanned page is its running header or footer. */
const MARGIN_BAND = 0.07
const OCR_CACHE_VERSION = 1

type TesseractWorker = Awaited<ReturnType<typeof import('tesseract.js').createWorker>>

/** The French LSTM model folder that `@tesseract.js-data/fra` installs. */
export function defaultLangPath(): string {
  const require = createRequire(import.meta.url)
  return join(require.resolve('@tesseract.js-data/fra/package.json'), '..', '4.0.0_best_int')
}

/**
 * A page reader for `readPdf`: renders and OCRs each scanned page. Pages are read one after another within a
 * file; the workers (at most one per core) are started on the first page and stopped when the process has no
 * more pages for them (`closeOcr`).
 */
export function ocrPageReader(options: OcrOptions): PageOcr {
  const started = performance.now()
  let done = 0
  return async (page, pageNumber, pageCount) => {
    const pageStarted = performance.now()
    const image = await renderPage(page)
    const key = createHash('sha256').update(`v${OCR_CACHE_VERSION}:${image.width}x${image.height}:`).update(image.pixels).digest('hex')
    const cachePath = options.cacheDir ? join(options.cacheDir, `${key}.json`) : null
    let blocks: Block[] | null = null
    let cached = false
    if (cachePath) {
      try {
        blocks = JSON.parse(await readFile(cachePath, 'utf8')) as Block[]
        cached = true
      } catch {
        blocks = null
      }
    }
    if (!blocks) {
      blocks = await recognise(image.png, image.height, options.langPath ?? defaultLangPath())
      if (cachePath) await writeAtomically(cachePath, JSON.stringify(blocks))
    }
    done++
    const now = performance.now()
    const elapsed = (now - started) / 1000
    const seconds = (now - pageStarted) / 1000
    options.onProgress?.({ file: options.file, page: pageNumber, done, total: pageCount, seconds, etaSeconds: Math.round((elapsed / done) * (pageCount - pageNumber)), cached })
    return withPrintedPage(blocks.map((block) => ({ ...block, page: pageNumber })), printedPageOf(blocks))
  }
}

async function renderPage(page: PDFPageProxy): Promise<{ png: Buffer; pixels: Uint8Array; width: number; height: number }> {
  const { createCanvas } = await import('@napi-rs/canvas')
  const viewport = page.getViewport({ scale: SCALE })
  const width = Math.ceil(viewport.width)
  const height = Math.ceil(viewport.height)
  const canvas = createCanvas(width, height)
  const context = canvas.getContext('2d')
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, width, height)
  try {
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise
  } catch (error) {
    throw new UnreadableFile(`damaged PDF: scanned page ${page.pageNumber} could not be drawn (${(error as Error).message}).`)
  }
  const pixels = new Uint8Array(context.getImageData(0, 0, width, height).data.buffer)
  return { png: await canvas.encode('png'), pixels, width, height }
}

let pool: { workers: TesseractWorker[]; next: number; langPath: string } | null = null

/** The shared workers: one per core, at most two pages in flight per worker are never needed as pages go one by one. */
async function worker(langPath: string): Promise<TesseractWorker> {
  if (!pool || pool.langPath !== langPath) {
    await closeOcr()
    const { createWorker, OEM } = await import('tesseract.js')
    const count = Math.max(1, Math.min(availableParallelism(), 2))
    const workers = await Promise.all(
      Array.from({ length: count }, () => createWorker('fra', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none', errorHandler: () => {} })),
    )
    pool = { workers, next: 0, langPath }
  }
  const chosen = pool.workers[pool.next % pool.workers.length]!
  pool.next++
  return chosen
}

/** Stops the OCR workers (they keep the process alive otherwise). Safe to call when none run. */
export async function closeOcr(): Promise<void> {
  const current = pool
  pool = null
  if (current) await Promise.all(current.workers.map((w) => w.terminate()))
}

/** Tesseract's paragraphs → blocks; lines in the top and bottom bands are the running header and footer. */
async function recognise(png: Buffer, height: number, langPath: string): Promise<Block[]> {
  const tesseract = await worker(langPath)
  const { data } = await tesseract.recognize(png, {}, { blocks: true, text: false })
  const blocks: Block[] = []
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      const body: string[] = []
      for (const line of paragraph.lines) {
        const text = line.text.trim()
        if (text === '') continue
        const { y0, y1 } = line.bbox
        if (y1 < height * MARGIN_BAND || y0 > height * (1 - MARGIN_BAND)) blocks.push({ kind: 'furniture', text })
        else body.push(text)
      }
      if (body.length === 0) continue
      // A number set apart from its text (`10.    À ses…`) is read with the gap as a dash: `10. — À ses…`.
      const numbered = /^(\d{1,3}\.)\s+(?:[—–-]\s+)?(.*)$/s.exec(body.join('\n'))
      blocks.push(numbered ? { kind: 'paragraph', label: numbered[1]!, text: numbered[2]! } : { kind: 'paragraph', text: body.join('\n') })
    }
  }
  return blocks
}
