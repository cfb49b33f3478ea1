// OCR of scanned PDF pages, offline: pdf.js renders the page (on @napi-rs/canvas), tesseract.js reads it with the
// French model installed by `@tesseract.js-data/fra` (never fetched: the model path is a local folder). Each page's
// text is cached by the hash of its rendering, so a rebuild never reads a page twice. Workers: one per core, at most.

import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import type { PDFPageProxy } from './pdfjs.js'
import type { Block } from './blocks.js'
import { writeAtomically } from './load.js'
import { printedPageOf } from './layout.js'
import { withPrintedPage, type PageOcr } from './pdf.js'
import { UnreadableFile } from './unreadable.js'

/**
 * Progress of OCR: page `page` of the file read, the `done`th of its `total` scanned pages, in `seconds` (rendering
 * included), from the page cache or not, with the estimated seconds left for the file's other scanned pages.
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

/** OCR workers: one per core, two at most (each holds the French model); `readPdf` reads as many pages at once. */
export const OCR_WORKERS = Math.max(1, Math.min(availableParallelism(), 2))

/**
 * A page reader for `readPdf`: renders and OCRs each scanned page (give `readPdf` `ocrConcurrency: OCR_WORKERS`
 * to keep every worker busy). The workers start on the first page and stop when the process has no more pages
 * for them (`closeOcr`).
 */
export function ocrPageReader(options: OcrOptions): PageOcr {
  const started = performance.now()
  let done = 0
  return async (page, pageNumber, scannedPages) => {
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
      blocks = await recognise(await image.png(), image.height, options.langPath ?? defaultLangPath())
      if (cachePath) await writeAtomically(cachePath, JSON.stringify(blocks))
    }
    done++
    const now = performance.now()
    const elapsed = (now - started) / 1000
    const seconds = (now - pageStarted) / 1000
    // Elapsed time per page done already counts the pages read at the same time.
    options.onProgress?.({ file: options.file, page: pageNumber, done, total: scannedPages, seconds, etaSeconds: Math.round((elapsed / done) * (scannedPages - done)), cached })
    return withPrintedPage(blocks.map((block) => ({ ...block, page: pageNumber })), printedPageOf(blocks))
  }
}

/** The page drawn at 300 dpi: its pixels (the cache key) and, only when it is to be recognised, a PNG for tesseract. */
async function renderPage(page: PDFPageProxy): Promise<{ png: () => Promise<Buffer>; pixels: Uint8Array; width: number; height: number }> {
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
  return { png: () => canvas.encode('png'), pixels, width, height }
}

interface Pool {
  langPath: string
  /** Started once, however many pages ask for a worker meanwhile. */
  workers: Promise<TesseractWorker[]>
  /** Workers not reading a page now. */
  idle: TesseractWorker[]
  waiting: Array<(worker: TesseractWorker) => void>
}

let pool: Pool | null = null

/** Reads with a free worker of the shared pool (waiting for one when all are busy), started on first use. */
async function withWorker<T>(langPath: string, read: (worker: TesseractWorker) => Promise<T>): Promise<T> {
  if (pool?.langPath !== langPath) {
    await closeOcr()
    const workers = import('tesseract.js').then(({ createWorker, OEM }) =>
      Promise.all(Array.from({ length: OCR_WORKERS }, () => createWorker('fra', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none', errorHandler: () => {} }))),
    )
    pool = { langPath, workers, idle: [], waiting: [] }
    const started = pool
    void workers.then((all) => started.idle.push(...all), () => {})
  }
  const current = pool
  await current.workers
  const worker = current.idle.pop() ?? (await new Promise<TesseractWorker>((resolve) => current.waiting.push(resolve)))
  try {
    return await read(worker)
  } finally {
    const next = current.waiting.shift()
    if (next) next(worker)
    else current.idle.push(worker)
  }
}

/** Stops the OCR workers (they keep the process alive otherwise). Safe to call when none run. */
export async function closeOcr(): Promise<void> {
  const current = pool
  pool = null
  if (current) await Promise.all((await current.workers.catch(() => [])).map((w) => w.terminate()))
}

/** Tesseract's paragraphs → blocks; lines in the top and bottom bands are the running header and footer. */
async function recognise(png: Buffer, height: number, langPath: string): Promise<Block[]> {
  const { data } = await withWorker(langPath, (tesseract) => tesseract.recognize(png, {}, { blocks: true, text: false }))
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
