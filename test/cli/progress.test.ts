// What a build prints while OCR reads scanned pages: one line a page with its time and the ETA in a log, one line
// redrawn in place on a terminal, and a summary per file; pages found in the cache are counted, not listed.

import { describe, expect, it } from 'vitest'
import { duration, ocrProgressPrinter } from '../../src/cli/progress.js'
import type { OcrProgress } from '../../src/ingest/ocr.js'

function printed(isTTY: boolean, events: Array<Parameters<OcrProgress>[0]>): string {
  let text = ''
  const stream = { isTTY, write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WriteStream
  const print = ocrProgressPrinter(stream)
  for (const event of events) print(event)
  return text
}

const page = (file: string, page: number, done: number, total: number, seconds: number, etaSeconds: number, cached = false) => ({ file, page, done, total, seconds, etaSeconds, cached })

describe('OCR progress', () => {
  // a.pdf: pages 2, 5 and 4 scanned (4 and 5 read at the same time, 5 first), b.pdf: one page, from the cache.
  const events = [page('a.pdf', 2, 1, 3, 31.2, 62), page('a.pdf', 5, 2, 3, 0.3, 30, true), page('a.pdf', 4, 3, 3, 29.9, 0), page('scans/b.pdf', 1, 1, 1, 30, 0, true)]

  it('in a log: a line per page read, with its time and the ETA, then each file’s summary', () => {
    expect(printed(false, events).split('\n')).toEqual([
      'OCR a.pdf: page 2 (1 of 3 scanned) in 31.2 s, ETA 1 min 2 s',
      'OCR a.pdf: page 4 (3 of 3 scanned) in 29.9 s',
      'OCR a.pdf: 3 scanned pages in 1 min 1 s (1 from the cache)',
      'OCR scans/b.pdf: 1 scanned page in 30 s (1 from the cache)',
      '',
    ])
  })

  it('on a terminal: one line redrawn in place, kept when the file is done', () => {
    expect(printed(true, events)).toBe(
      '\r\x1b[KOCR a.pdf: page 2 (1 of 3 scanned) in 31.2 s, ETA 1 min 2 s' +
        '\r\x1b[KOCR a.pdf: page 5 (2 of 3 scanned) from the cache, ETA 30 s' +
        '\r\x1b[KOCR a.pdf: 3 scanned pages in 1 min 1 s (1 from the cache)\n' +
        '\r\x1b[KOCR scans/b.pdf: 1 scanned page in 30 s (1 from the cache)\n',
    )
  })

  it('durations read as a person would say them', () => {
    expect([0.4, 59.6, 60, 280, 3600, 7500].map(duration)).toEqual(['0 s', '1 min', '1 min', '4 min 40 s', '1 h', '2 h 5 min'])
  })
})
