// A progress line on stderr for index builds: stage, count, percentage and ETA, redrawn in place on a terminal.

import type { BuildProgress } from '../index/build.js'
import type { OcrProgress } from '../ingest/ocr.js'

const labels: Record<string, string> = {
  read: 'Reading the corpus',
  analyse: 'Analysing passages',
  keyword: 'Keyword index',
  ngram: 'N-gram index',
  variants: 'Variant groups',
  embed: 'Embedding passages',
  write: 'Writing index',
}

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): BuildProgress {
  let stageStarted = performance.now()
  let currentStage = ''
  let lastDraw = 0
  return (stage, done, total) => {
    const now = performance.now()
    if (stage !== currentStage) {
      if (currentStage && stream.isTTY) stream.write('\n')
      currentStage = stage
      stageStarted = now
    }
    const finished = done >= total
    if (!finished && now - lastDraw < 200 && done !== 0) return
    lastDraw = now
    const percent = total ? Math.floor((100 * done) / total) : 100
    const elapsed = (now - stageStarted) / 1000
    const eta = done > 0 && !finished ? ` ETA ${Math.ceil((elapsed * (total - done)) / done)}s` : ''
    const line = `${labels[stage] ?? stage}: ${done}/${total} (${percent}%)${eta}${finished ? ` in ${elapsed.toFixed(1)}s` : ''}`
    if (stream.isTTY) stream.write(`\r\x1b[K${line}${finished && stage === 'write' ? '\n' : ''}`)
    else if (finished || done === 0) stream.write(`${line}\n`)
  }
}

/**
 * OCR progress on stderr, page by page: the page, its time and the ETA for the file's pages left, redrawn in place
 * on a terminal, one line a page otherwise (pages take seconds each). Pages found in the cache are counted, not listed.
 */
export function ocrProgressPrinter(stream: NodeJS.WriteStream = process.stderr): OcrProgress {
  let file = ''
  let pages = 0
  let cached = 0
  let seconds = 0
  return (event) => {
    if (event.file !== file) {
      file = event.file
      pages = cached = seconds = 0
    }
    pages++
    if (event.cached) cached++
    seconds += event.seconds
    const last = event.done >= event.total
    const eta = event.etaSeconds !== null && !last ? `, ETA ${duration(event.etaSeconds)}` : ''
    const line = `OCR ${event.file}: page ${event.page} (${event.done} of ${event.total} scanned) ${event.cached ? 'from the cache' : `in ${event.seconds.toFixed(1)} s`}${eta}`
    const summary = `OCR ${event.file}: ${pages} scanned page${pages === 1 ? '' : 's'} in ${duration(seconds)}${cached ? ` (${cached} from the cache)` : ''}`
    if (stream.isTTY) stream.write(`\r\x1b[K${last ? `${summary}\n` : line}`)
    else stream.write(`${event.cached ? '' : `${line}\n`}${last ? `${summary}\n` : ''}`)
  }
}

/** `35 s`, `4 min 40 s`, `2 h 5 min`. */
export function duration(seconds: number): string {
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`
}
