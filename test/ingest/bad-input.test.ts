// Bad input in the corpus folder: each file skipped with a message naming it and why; the good ones still load.

import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { PDFDocument } from 'pdf-lib'
import { afterAll, describe, expect, it } from 'vitest'
import { loadCorpus } from '../../src/ingest/load.js'

const fixture = (name: string) => new URL(`../fixtures/ingest/${name}`, import.meta.url)
const GOOD = 'I. Introduction\n\n1. Les Etats parties devraient coopérer.\n'
const ENGLISH = `I. Introduction\n\n1. ${'The States parties should cooperate with each other and with the relevant international organizations in order to prevent and combat the smuggling of migrants by land, sea and air. '.repeat(4)}\n`
let dir = ''

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('a corpus folder with bad files', () => {
  it('skips each with a clear reason, and loads the good ones', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ingest-bad-'))
    const many = await PDFDocument.create()
    for (let i = 0; i < 2001; i++) many.addPage([200, 200])
    const files: Record<string, string | Uint8Array> = {
      'a-good.txt': GOOD,
      'b-copy.txt': GOOD,
      'c-empty.pdf': '',
      'd-renamed.pdf': `${GOOD}\n(a text file named .pdf)\n`,
      'e-damaged.pdf': '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF garbage',
      'f-bomb.docx': zipSync({ 'word/document.xml': new Uint8Array(80 * 1024 * 1024) }, { level: 9 }),
      'g-book.pdf': await many.save(),
      'h-english.txt': ENGLISH,
      'i-notes.odt': 'x',
      'j-not-a-zip.docx': `${GOOD}\n(a text file named .docx)\n`,
    }
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content)
    await copyFile(fixture('encrypted.pdf'), join(dir, 'k-encrypted.pdf'))
    const corpus = await loadCorpus(dir)
    expect(corpus.documents.map((d) => d.file)).toEqual(['a-good.txt'])
    const problems = Object.fromEntries(corpus.problems.map((p) => [p.file, p.message]))
    expect(problems).toEqual({
      'b-copy.txt': 'duplicate of a-good.txt (same content): left out.',
      'c-empty.pdf': 'empty file (0 bytes): nothing to index.',
      'd-renamed.pdf': 'not a PDF: the file does not start with %PDF (is it another format renamed .pdf?).',
      'e-damaged.pdf': expect.stringMatching(/^damaged PDF: /),
      'f-bomb.docx': 'Word file that inflates to more than 64 MiB of text (a zip bomb?): refused.',
      'g-book.pdf': 'PDF of 2001 pages: more than the 2000 pages a report may have; split it or check it is the right file.',
      'h-english.txt': 'not in French (it reads as English): this engine indexes the French reports; add the French version.',
      'i-notes.odt': 'unsupported format (.odt): the corpus reads .pdf, .docx, .txt and .md.',
      'j-not-a-zip.docx': 'not a Word file: a .docx is a zip container, and this file is not one.',
      'k-encrypted.pdf': 'encrypted PDF (it asks for a password): save an unprotected copy and add that.',
    })
    expect((await readFile(join(dir, 'a-good.txt'), 'utf8'))).toBe(GOOD)
  })
})
