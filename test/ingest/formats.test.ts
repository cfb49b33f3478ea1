// Goldens for PDF and Word: the fixtures made from the seeds (scripts/make-fixtures.ts) give the seeds' paragraphs,
// in order, with the same texts; the symbol from the running header; the right pages; footnotes kept apart.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { citationFor } from '../../src/ingest/citation.js'
import { readDocx } from '../../src/ingest/docx.js'
import { parseBlocks } from '../../src/ingest/parse.js'
import { readPdf } from '../../src/ingest/pdf.js'
import { parsedSeed } from './helpers.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url))
// Read by the first test that asks, not when the file loads, so that mutation testing runs only the tests that reach
// each line of the readers (a reader run at load would make every one of its mutants re-run every test).
type Parsed = ReturnType<typeof parseBlocks>
let pdfParsed: Promise<Parsed> | undefined
let docxParsed: Parsed | undefined
const thePdf = () => (pdfParsed ??= readPdf(fixture('un-layout.pdf')).then((read) => parseBlocks('un-layout.pdf', 'hash', read)))
const theDocx = () => (docxParsed ??= parseBlocks('report.docx', 'hash', readDocx(fixture('report.docx'))))
const byLabel = (parsed: Parsed, label: string) => parsed.passages.find((p) => p.paragraph === label)!
/** Texts compared up to hyphenation: a hyphen kept or dropped at a line end is the only allowed difference. */
const unhyphenated = (text: string) => text.replace(/-\s?/g, '')

describe('PDF in UN layout (seed 001 laid out by LibreOffice)', () => {
  const seed = parsedSeed('001', false)

  it('gives the seed’s paragraph labels in order, across pages and the two-column page', async () => {
    const pdf = await thePdf()
    expect(pdf.passages.map((p) => p.paragraph)).toEqual(seed.passages.map((p) => p.paragraph))
  })

  it('gives the seed’s texts: footnote calls out of the words, hyphenated line ends rejoined', async () => {
    const pdf = await thePdf()
    const differing = pdf.passages.filter((p, i) => unhyphenated(p.text) !== unhyphenated(seed.passages[i]!.text))
    expect(differing.map((p) => p.paragraph)).toEqual([])
    // Exactly, hyphens included, for the paragraphs whose lines end in a hyphenated word in the PDF.
    expect(byLabel(pdf, '74').text).toBe(seed.byLabel('74').text)
    expect(byLabel(pdf, '74').text).toContain('autorités étrangères compétentes')
    expect(byLabel(pdf, '82').text).toBe(seed.byLabel('82').text)
    // Only ¶84 differs, by a hyphen: `SHER-` + `LOC` at a line end, an acronym the document writes nowhere else whole.
    expect(pdf.passages.filter((p) => p.text !== seed.byLabel(p.paragraph).text).map((p) => p.paragraph)).toEqual(['84'])
  })

  it('reads the symbol from the running header and the cover page’s statements', async () => {
    const pdf = await thePdf()
    expect(pdf.document).toMatchObject({
      symbol: 'CTOC/COP/WG.7/2015/5',
      date: '2015-08-03',
      distribution: 'Distr. générale',
      originalLanguage: 'anglais',
      agendaItem: 'Point 2 de l’ordre du jour provisoire',
      title: 'Document d’information : recommandations adoptées par le Groupe de travail sur le trafic illicite de migrants',
      pages: 8,
    })
  })

  it('records the pages, from the footer’s page numbers', async () => {
    const pdf = await thePdf()
    const pages = Object.fromEntries(['1', '8', '9', '36', '82', '84', '92'].map((label) => [label, byLabel(pdf, label).pages]))
    expect(pages).toEqual({ '1': [1], '8': [1], '9': [2], '36': [4], '82': [7], '84': [7], '92': [8] })
    expect(citationFor(pdf.document, byLabel(pdf, '36')).label).toBe('CTOC/COP/WG.7/2015/5, par. 36, p. 4')
  })

  it('keeps footnotes out of every passage and attaches them to the passage that calls them', async () => {
    const pdf = await thePdf()
    const noteTexts = ['CTOC/COP/WG.7/2015/1.', 'Voir le rapport de la Conférence des Parties', 'Les rapports des précédentes réunions', 'Voir la recommandation adoptée', 'Voir également la résolution 7/1']
    for (const passage of pdf.passages) for (const note of noteTexts) expect(passage.text).not.toContain(note)
    expect(byLabel(pdf, '36').notes).toEqual([{ marker: '4', text: 'Voir la recommandation adoptée par le Groupe de travail à sa première réunion, tenue à Vienne du 30 mai au 1er juin 2012.' }])
    expect(byLabel(pdf, '1').notes?.[0]?.marker).toBe('2')
    expect(byLabel(pdf, '1').text).toMatch(/ organisée\.$/) // not `organisée2.` nor `organisée .`
    expect(pdf.passages.filter((p) => p.notes).map((p) => p.paragraph)).toEqual(['1', '3', '36', '71'])
  })

  it('keeps the running header and footer out of passages', async () => {
    const pdf = await thePdf()
    expect(pdf.passages.filter((p) => /V\.15-06043|CTOC\/COP\/WG\.7\/2015\/5/.test(p.text))).toEqual([])
  })
})

describe('Word report (seed 003 with automatic numbering)', () => {
  const seed = parsedSeed('003', false)

  it('rebuilds Word’s numbers: a list continued after another list, a restart with a start value, a "Recommandation %1" list', () => {
    const docx = theDocx()
    expect(docx.passages.map((p) => p.paragraph)).toEqual(seed.passages.map((p) => p.paragraph))
  })

  it('gives the seed’s texts and sections exactly', () => {
    const docx = theDocx()
    expect(docx.passages.map((p) => p.text)).toEqual(seed.passages.map((p) => p.text))
    expect(docx.passages.map((p) => p.section)).toEqual(seed.passages.map((p) => p.section))
  })

  it('keeps footnotes apart, numbered in order of their calls', () => {
    const docx = theDocx()
    expect(byLabel(docx, '6').notes).toEqual([{ marker: '1', text: 'Voir CTOC/COP/WG.7/2021/2.' }])
    expect(byLabel(docx, '30').notes).toEqual([{ marker: '2', text: 'Voir la résolution 10/4 de la Conférence des Parties.' }])
    expect(docx.passages.some((p) => p.text.includes('Voir CTOC/COP/WG.7/2021/2.'))).toBe(false)
  })

  it('reads the title and its date; states no page, since the file marks none', () => {
    const docx = theDocx()
    expect(docx.document).toMatchObject({ title: 'Rapport de la réunion du Groupe de travail sur le trafic illicite de migrants tenue à Vienne les 14 et 15 octobre 2021', date: '2021-10-14' })
    expect(docx.passages.every((p) => p.pages === undefined)).toBe(true)
  })
})
