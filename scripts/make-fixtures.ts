// Makes the ingestion fixtures from the seeds (`npm run fixtures`), committed so CI needs no converter:
//   test/fixtures/ingest/un-layout.pdf   seed 001 laid out as a UN report by LibreOffice: cover page, running header
//                                        with the symbol, footer with job number and page, numbered paragraphs with
//                                        the number apart, footnotes, a two-column stretch, hyphenated line ends
//   test/fixtures/ingest/report.docx     seed 003 as Word: automatic numbering that continues, restarts with a start
//                                        value, a "Recommandation %1" list, footnotes, header and footer
//   test/fixtures/ingest/scanned.pdf     page 2 of seed 002 laid out the same way, rendered to a 200 dpi image: no text
//   test/fixtures/ingest/encrypted.pdf   a short PDF with an open password
// Needs LibreOffice, poppler-utils, qpdf and French hyphenation patterns (Debian: libreoffice-writer-nogui poppler-utils qpdf hyphen-fr).
// The cover page, the footnote texts and the job numbers are added for layout; the paragraphs are the seeds' own.

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { parseCatalogue } from '../src/ingest/catalogue.js'
import { parseDocument } from '../src/ingest/parse.js'
import type { Passage } from '../src/types.js'
import { writeDocx, type DocxParagraph, type DocxSpec, type Run } from './lib/docx-writer.js'

const OUT = 'test/fixtures/ingest'
const work = mkdtempSync(join(tmpdir(), 'ctoc-fixtures-'))
const catalogue = parseCatalogue(readFileSync('seeds/catalogue.json', 'utf8'))
const seed = (file: string) => parseDocument(file, readFileSync(join('seeds', file), 'utf8'), catalogue[file]).passages

/** Headings (when the section path changes) and the passages, numbered by Word. */
function body(passages: Passage[], numFor: (p: Passage) => DocxParagraph['num'], notes: Map<string, number>): DocxParagraph[] {
  const out: DocxParagraph[] = []
  let path: string[] = []
  for (const passage of passages) {
    passage.section.forEach((heading, depth) => {
      if (path[depth] === heading && path.slice(0, depth).every((h, i) => h === passage.section[i])) return
      out.push({ runs: [heading], style: depth === 0 ? 'Heading1' : 'Heading2' })
    })
    path = passage.section
    const text = passage.text
    const note = notes.get(passage.paragraph)
    let runs: Run[] = [text]
    if (note !== undefined) {
      // The call goes before the sentence's full stop, as the UN places it: `… de migrants1.`
      const stop = text.indexOf('. ') === -1 ? text.length - 1 : text.indexOf('. ')
      runs = [text.slice(0, stop), { footnote: note }, text.slice(stop)]
    }
    if (passage.paragraph.startsWith('Recommandation')) out.push({ runs: [], num: numFor(passage) }, { runs })
    else out.push({ runs, num: numFor(passage) })
  }
  return out
}

function cover(symbol: string, organ: string, date: string, meeting: string[], agenda: string, title: string): DocxParagraph[] {
  return [
    { runs: ['Nations Unies'], style: 'Cover', bold: true },
    { runs: [symbol], style: 'Cover', align: 'right', bold: true },
    { runs: [organ], style: 'Cover', bold: true },
    { runs: ['Distr. générale'], style: 'Cover', align: 'right' },
    { runs: [date], style: 'Cover', align: 'right' },
    { runs: ['Français'], style: 'Cover', align: 'right' },
    { runs: ['Original : anglais'], style: 'Cover', align: 'right' },
    ...meeting.map((line): DocxParagraph => ({ runs: [line], style: 'Cover', bold: true })),
    { runs: [agenda, { footnote: 1 }], style: 'Cover' },
    { runs: [title], style: 'Title' },
  ]
}

const numbered = { id: 0, levels: [{ start: 1, format: 'decimal' as const, text: '%1.' }] }

function unLayoutPdf(): void {
  const passages = seed('001_f3a438cdd34e73ea.txt')
  const notes = new Map([['1', 2], ['3', 3], ['36', 4], ['71', 5]])
  const paragraphs = [
    ...cover('CTOC/COP/WG.7/2015/5', 'Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée', '3 août 2015',
      ['Groupe de travail sur le trafic illicite de migrants', 'Vienne, 18-20 novembre 2015'], 'Point 2 de l’ordre du jour provisoire',
      'Document d’information : recommandations adoptées par le Groupe de travail sur le trafic illicite de migrants'),
    ...body(passages, () => ({ id: 1, level: 0 }), notes),
  ]
  // Section VI in two columns: a continuous section break before its heading and after its last paragraph.
  const start = paragraphs.findIndex((p) => typeof p.runs[0] === 'string' && p.runs[0].startsWith('VI.'))
  const end = paragraphs.findIndex((p, i) => i > start && typeof p.runs[0] === 'string' && p.runs[0].startsWith('VII.'))
  paragraphs[start - 1] = { ...paragraphs[start - 1]!, sectionEnd: { columns: 1 } }
  paragraphs[end - 1] = { ...paragraphs[end - 1]!, sectionEnd: { columns: 2 } }
  const spec: DocxSpec = {
    paragraphs,
    abstractNums: [numbered],
    nums: [{ id: 1, abstract: 0 }],
    footnotes: {
      1: 'CTOC/COP/WG.7/2015/1.',
      2: 'Voir le rapport de la Conférence des Parties sur les travaux de sa cinquième session (CTOC/COP/2010/17), chap. I, sect. A.',
      3: 'Les rapports des précédentes réunions sont disponibles sur le site Web de l’Office des Nations Unies contre la drogue et le crime.',
      4: 'Voir la recommandation adoptée par le Groupe de travail à sa première réunion, tenue à Vienne du 30 mai au 1er juin 2012.',
      5: 'Voir également la résolution 7/1 de la Conférence, par. 4.',
    },
    hyphenation: true,
    header: 'CTOC/COP/WG.7/2015/5',
    footer: 'V.15-06043 {PAGE}',
    firstPage: { header: '', footer: 'V.15-06043 (F)    100815    110815' },
  }
  convert(spec, 'un-layout')
}

function scannedPage(): Promise<void> {
  const passages = seed('002_8963f6d1a9de86f3.txt').slice(0, 14)
  const spec: DocxSpec = {
    paragraphs: [
      ...cover('CTOC/COP/2022/3', 'Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée', '29 juillet 2022',
        ['Onzième session', 'Vienne, 17-21 octobre 2022'], 'Point 2 de l’ordre du jour provisoire', 'Activités de l’Office des Nations Unies contre la drogue et le crime visant à promouvoir l’application du Protocole relatif au trafic illicite de migrants'),
      ...body(passages, () => ({ id: 1, level: 0 }), new Map()),
    ],
    abstractNums: [numbered],
    nums: [{ id: 1, abstract: 0 }],
    footnotes: { 1: 'CTOC/COP/2022/1.' },
    header: 'CTOC/COP/2022/3',
    footer: 'V.22-10857 {PAGE}',
    firstPage: { header: '', footer: 'V.22-10857 (F)' },
  }
  const pdf = convert(spec, 'seed-002', false)
  execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '300', '-mono', '-png', pdf, join(work, 'page')])
  return rasterToPdf(join(work, 'page-2.png'), join(OUT, 'scanned.pdf'))
}

async function rasterToPdf(png: string, out: string): Promise<void> {
  const pdf = await PDFDocument.create()
  const image = await pdf.embedPng(readFileSync(png))
  const page = pdf.addPage([595.3, 841.9])
  page.drawImage(image, { x: 0, y: 0, width: 595.3, height: 841.9 })
  writeFileSync(out, await pdf.save())
  console.log(`wrote ${out}`)
}

function wordReport(): void {
  const passages = seed('003_b17467f420381ed3.txt')
  // ¶1–4 on list 1; the recommendations on their own list; ¶5–20 continue list 1 (Word carries the count on);
  // ¶21–41 on list 3, the same list definition restarted by a start override at 21.
  const numFor = (p: Passage): DocxParagraph['num'] => {
    if (p.paragraph.startsWith('Recommandation')) return { id: 2, level: 0 }
    return Number(p.paragraph) >= 21 ? { id: 3, level: 0 } : { id: 1, level: 0 }
  }
  const spec: DocxSpec = {
    paragraphs: [
      { runs: ['Rapport de la réunion du Groupe de travail sur le trafic illicite de migrants tenue à Vienne les 14 et 15 octobre 2021'], style: 'Title' },
      ...body(passages, numFor, new Map([['6', 1], ['30', 2]])),
    ],
    abstractNums: [numbered, { id: 1, levels: [{ start: 1, format: 'decimal', text: 'Recommandation %1' }] }],
    nums: [{ id: 1, abstract: 0 }, { id: 2, abstract: 1 }, { id: 3, abstract: 0, startOverride: { 0: 21 } }],
    footnotes: { 1: 'Voir CTOC/COP/WG.7/2021/2.', 2: 'Voir la résolution 10/4 de la Conférence des Parties.' },
    header: 'Rapport de la réunion du Groupe de travail tenue à Vienne les 14 et 15 octobre 2021',
    footer: 'V.21-07791 {PAGE}',
  }
  writeFileSync(join(OUT, 'report.docx'), writeDocx(spec))
  console.log(`wrote ${join(OUT, 'report.docx')}`)
}

/** Writes the spec as .docx and has LibreOffice lay it out as PDF; returns the PDF's path. */
function convert(spec: DocxSpec, name: string, keep = true): string {
  const docx = join(work, `${name}.docx`)
  writeFileSync(docx, writeDocx(spec))
  const soffice = (format: string, file: string) =>
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', format, '--outdir', work, file], { stdio: 'ignore' })
  let source = docx
  if (spec.hyphenation) {
    // LibreOffice does not take Word's autoHyphenation setting: switch hyphenation on in its own (flat ODF) styles.
    soffice('fodt', docx)
    source = join(work, `${name}.fodt`)
    writeFileSync(source, readFileSync(source, 'utf8').replaceAll('fo:hyphenate="false"', 'fo:hyphenate="true"'))
  }
  soffice('pdf', source)
  const pdf = join(work, `${name}.pdf`)
  if (keep) {
    writeFileSync(join(OUT, `${name}.pdf`), readFileSync(pdf))
    console.log(`wrote ${join(OUT, `${name}.pdf`)}`)
  }
  return pdf
}

function encrypted(): void {
  execFileSync('qpdf', ['--encrypt', 'secret', 'secret', '256', '--', '--pages', join(OUT, 'un-layout.pdf'), '1', '--', join(OUT, 'un-layout.pdf'), join(OUT, 'encrypted.pdf')])
  console.log(`wrote ${join(OUT, 'encrypted.pdf')}`)
}

try {
  unLayoutPdf()
  wordReport()
  await scannedPage()
  encrypted()
} finally {
  if (!process.env.KEEP_WORK) rmSync(work, { recursive: true, force: true })
}
