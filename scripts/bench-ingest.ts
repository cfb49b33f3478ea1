// Ingestion speed: PDF text-layer extraction (pages/s), Word paragraphs/s, OCR seconds per scanned page with a
// cold and a warm page cache; beside each, the same report read from its .txt seed in the same run (the machine is
// shared with other sessions: read the ratios first). The larger PDF and Word files are made in memory from the
// committed fixtures by repeating their pages and paragraphs; nothing is written but a temp OCR cache, removed.
// Usage: npm run bench:ingest [-- --pages 400 --rounds 5 --scan-pages 4]

import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { PDFDocument } from 'pdf-lib'
import type { ReadDocument } from '../src/ingest/blocks.js'
import { readDocx } from '../src/ingest/docx.js'
import { closeOcr, OCR_WORKERS, ocrPageReader } from '../src/ingest/ocr.js'
import { parseBlocks, parseDocument } from '../src/ingest/parse.js'
import { readPdf } from '../src/ingest/pdf.js'
import { percentiles, table } from './lib/stats.js'

const { values } = parseArgs({ options: { pages: { type: 'string' }, rounds: { type: 'string' }, 'scan-pages': { type: 'string' } } })
const PAGES = Number(values.pages ?? 400)
const ROUNDS = Number(values.rounds ?? 5)
const SCAN_PAGES = Number(values['scan-pages'] ?? 4)

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/ingest/${name}`, import.meta.url))
const seed = (name: string) => readFileSync(new URL(`../seeds/${name}`, import.meta.url), 'utf8')

interface Timing {
  /** Wall-clock milliseconds. */
  wall: number
  /** CPU milliseconds of this process, all its threads (the OCR workers too): less moved by other sessions' load. */
  cpu: number
}

async function timed(run: () => unknown): Promise<Timing> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  await run()
  const used = process.cpuUsage(cpu)
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 }
}

/** Median wall and CPU time of `rounds` runs after one untimed run. */
async function median(run: () => unknown, rounds = ROUNDS): Promise<Timing> {
  await run()
  const samples: Timing[] = []
  for (let r = 0; r < rounds; r++) samples.push(await timed(run))
  return { wall: percentiles(samples.map((t) => t.wall)).p50, cpu: percentiles(samples.map((t) => t.cpu)).p50 }
}

/** The fixture's pages repeated until the PDF has `pages` pages (text layer, UN layout). */
async function longPdf(source: Uint8Array, pages: number): Promise<Uint8Array> {
  const from = await PDFDocument.load(source)
  const to = await PDFDocument.create()
  const indices = from.getPageIndices()
  while (to.getPageCount() < pages) {
    for (const page of await to.copyPages(from, indices.slice(0, pages - to.getPageCount()))) to.addPage(page)
  }
  return to.save()
}

/** The Word file's body repeated `times` times (the automatic numbers run on across the copies). */
function longDocx(source: Uint8Array, times: number): Uint8Array {
  const parts = unzipSync(source)
  const xml = strFromU8(parts['word/document.xml']!)
  const open = xml.indexOf('>', xml.indexOf('<w:body')) + 1
  const end = xml.lastIndexOf('<w:sectPr')
  parts['word/document.xml'] = strToU8(xml.slice(0, open) + xml.slice(open, end).repeat(times) + xml.slice(end))
  return zipSync(parts)
}

/** `pages` pages, each the scanned page drawn a few points further right and down than the one before. */
async function shiftedScans(source: Uint8Array, pages: number): Promise<Uint8Array> {
  const to = await PDFDocument.create()
  const [scan] = await to.embedPdf(source, [0])
  for (let i = 0; i < pages; i++) to.addPage([scan!.width, scan!.height]).drawPage(scan!, { x: 2 * i, y: -2 * i })
  return to.save()
}

const paragraphs = (read: ReadDocument) => read.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'heading').length

const rows: string[][] = []
/** A row: what, how much, wall and CPU time, the rate by CPU time (and by wall time), and a ratio. */
const row = (what: string, count: number, unit: string, time: Timing, ratio = '') =>
  rows.push([what, `${count.toLocaleString('en')} ${unit}`, ms(time.wall), ms(time.cpu), `**${rate(count, time.cpu)}** (${rate(count, time.wall)} wall)`, ratio])
const ms = (value: number) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`)
const rate = (count: number, ms: number) => ((count / ms) * 1000 >= 5 ? `${Math.round((count / ms) * 1000).toLocaleString('en')}/s` : `${(ms / 1000 / count).toFixed(ms / count < 1000 ? 2 : 1)} s each`)
console.error(`Ingestion bench: ${PAGES}-page PDF, ${ROUNDS} rounds (median); OCR of ${SCAN_PAGES} scanned pages, ${OCR_WORKERS} workers.`)

// The same report (seed 001) from its .txt seed and from the UN-layout PDF made from it; seed 003 from Word.
const txt001 = seed('001_f3a438cdd34e73ea.txt')
const txtPassages = parseDocument('001.txt', txt001).passages.length
const txt = await median(() => parseDocument('001.txt', txt001))
row('seed 001 from .txt: parse to passages', txtPassages, 'passages', txt, '1×')
const pdf = fixture('un-layout.pdf')
const pdfRead = await readPdf(pdf)
const pdfPages = pdfRead.pages ?? 1
const pdfTime = await median(async () => parseBlocks('001.pdf', '', await readPdf(pdf)))
row(`seed 001 from PDF (${pdfPages} pages): extract + parse`, parseBlocks('001.pdf', '', pdfRead).passages.length, 'passages', pdfTime, `${(pdfTime.cpu / txt.cpu).toFixed(1)}× .txt (CPU)`)

const big = await longPdf(pdf, PAGES)
const extraction = await median(() => readPdf(big))
const bigRead = await readPdf(big)
row(`PDF with a text layer, ${PAGES} pages: extraction (pdf.js + layout pass)`, PAGES, 'pages', extraction)
row('… then paragraphs and citations', PAGES, 'pages', await median(() => parseBlocks('long.pdf', '', bigRead)))

const txt003 = seed('003_b17467f420381ed3.txt')
const txt003Time = await median(() => parseDocument('003.txt', txt003))
const docx = fixture('report.docx')
const docxTime = await median(() => parseBlocks('003.docx', '', readDocx(docx)))
row('seed 003 from Word: read + parse', paragraphs(readDocx(docx)), 'paragraphs', docxTime, `${(docxTime.cpu / txt003Time.cpu).toFixed(1)}× .txt (CPU)`)
const times = Math.max(1, Math.round(PAGES / 8))
const longWord = longDocx(docx, times)
row(`Word, its body ×${times} (${(longWord.length / 1e6).toFixed(1)} MB zipped): read`, paragraphs(readDocx(longWord)), 'paragraphs', await median(() => readDocx(longWord)))

// OCR: a scan of SCAN_PAGES pages (the fixture's scanned page, shifted a little on each, so that each page is new to
// the page cache), read with an empty cache one page at a time and then with every worker, and read again with the
// cache filled (each page is still rendered and hashed, not recognised). The very first page also starts the
// workers and loads the French model.
const scan = await shiftedScans(fixture('scanned.pdf'), SCAN_PAGES)
const work = await mkdtemp(join(tmpdir(), 'bench-ingest-'))
try {
  let run = 0
  const ocr = async (pdfBytes: Uint8Array, concurrency: number, cacheDir = join(work, `cache-${run++}`)) => {
    let cached = 0
    let pages = 0
    const time = await timed(async () => {
      const ocrPage = ocrPageReader({ file: 'scan.pdf', cacheDir, onProgress: (e) => void (cached += e.cached ? 1 : 0) })
      pages = (await readPdf(pdfBytes, { ocrPage, ocrConcurrency: concurrency })).ocrPages?.length ?? 0
    })
    return { time, pages, cached, cacheDir }
  }
  const perPage = (t: Timing, pages: number) => ({ wall: t.wall / pages, cpu: t.cpu / pages })
  const first = await ocr(fixture('scanned.pdf'), 1)
  row('OCR, the first page of a process (workers start, model loads)', 1, 'page', first.time)
  const one = await ocr(scan, 1)
  row('OCR, cold cache, one page at a time', one.pages, 'pages', one.time, `${(perPage(one.time, one.pages).cpu / (pdfTime.cpu / pdfPages)).toFixed(0)}× a text-layer page (CPU)`)
  const all = await ocr(scan, OCR_WORKERS)
  row(`OCR, cold cache, ${OCR_WORKERS} pages at a time (as a build reads)`, all.pages, 'pages', all.time, `wall ${(one.time.wall / all.time.wall).toFixed(2)}× faster than one at a time`)
  const warm = await ocr(scan, OCR_WORKERS, all.cacheDir)
  if (warm.cached !== warm.pages) throw new Error('the warm OCR run missed the page cache')
  row('OCR, warm cache (render + hash, no recognition)', warm.pages, 'pages', warm.time, `${(all.time.cpu / warm.time.cpu).toFixed(0)}× less CPU than cold`)
} finally {
  await closeOcr()
  await rm(work, { recursive: true, force: true })
}

console.log(table(['what', 'size', 'wall', 'CPU', 'rate (by CPU time)', 'ratio'], rows))
