// pdf.js's legacy build replaces native built-ins process-wide (core-js): JSON.stringify became 13× slower and
// Array.prototype.push 2.8× in every process that had read one PDF, the server included. Reading a PDF must leave them
// native. (Nothing here may import pdf.js before the natives are noted: the reader is imported inside the test.)

import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'

const natives = { push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse }

describe('reading a PDF', () => {
  it('leaves JSON and Array.prototype.push native, and the PDF is read', async () => {
    const { readPdf } = await import('../../src/ingest/pdf.js')
    const read = await readPdf(await readFile(new URL('../fixtures/ingest/un-layout.pdf', import.meta.url)))
    expect(read.pages).toBe(8)
    expect({ push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse }).toEqual(natives)
    expect(Array.prototype.push === natives.push && JSON.stringify === natives.stringify).toBe(true)
  })
})
