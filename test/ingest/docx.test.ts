// The Word reader on small .docx files written here, part by part (the real report is read in formats.test.ts):
// what each piece of WordprocessingML becomes — headings, numbers, footnotes, page breaks, furniture, refusals.

import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readDocx } from '../../src/ingest/docx.js'

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
const encode = (xml: string) => new TextEncoder().encode(xml)

/** A .docx whose body is `body` (paragraphs), with the other parts given by name (`styles`, `footnotes`, `header1`…). */
function docx(body: string, parts: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = { 'word/document.xml': encode(`<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`) }
  for (const [name, xml] of Object.entries(parts)) files[`word/${name}.xml`] = encode(`<?xml version="1.0"?>${xml}`)
  return zipSync(files)
}
const p = (inner: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${inner}</w:p>`
const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`

describe('readDocx', () => {
  it('reads runs in order: tabs as spaces, no-break hyphens, line breaks; deleted text, field codes and soft hyphens left out', () => {
    const { blocks, pages } = readDocx(
      docx(
        p(
          `${r('Les États')}<w:r><w:tab/></w:r>${r('parties')}<w:r><w:noBreakHyphen/></w:r>${r('membres')}` +
            `<w:del><w:r><w:delText>supprimé</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r>` +
            `<w:r><w:br/></w:r>${r('coopé\u00adrer')}<w:r><w:cr/></w:r>${r('fin')}`,
        ),
      ),
    )
    expect(blocks).toEqual([{ kind: 'paragraph', text: 'Les États parties-membres\ncoopérer\nfin', lineNoteRefs: [[]] }])
    expect(pages).toBeUndefined()
  })

  it('marks headings by style name or outline level, following basedOn, and skips empty paragraphs', () => {
    const styles =
      `<w:styles ${W}>` +
      `<w:style w:styleId="H1"><w:name w:val="heading 1"/></w:style>` +
      `<w:style w:styleId="Titre"><w:name w:val="Titre"/></w:style>` +
      `<w:style w:styleId="Outline"><w:name w:val="Mon chapitre"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
      `<w:style w:styleId="Body"><w:name w:val="Body Text"/></w:style>` +
      `<w:style w:styleId="Heading10"><w:name w:val="heading"/></w:style>` +
      `</w:styles>`
    const { blocks } = readDocx(
      docx(
        p(r('I. Introduction'), '<w:pStyle w:val="H1"/>') +
          p(r('Rapport'), '<w:pStyle w:val="Titre"/>') +
          p(r('Chapitre'), '<w:pStyle w:val="Outline"/>') +
          p(r('Texte'), '<w:pStyle w:val="Body"/>') +
          p(r('Sans numéro'), '<w:pStyle w:val="Heading10"/>') +
          p(r('  ')) +
          p(r('Sans style')),
        { styles },
      ),
    )
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'I. Introduction'],
      ['heading', 'Rapport'],
      ['heading', 'Chapitre'],
      ['paragraph', 'Texte'],
      ['paragraph', 'Sans numéro'],
      ['paragraph', 'Sans style'],
    ])
  })

  it('numbers paragraphs from their own numPr or their style’s, inherited through basedOn; a numbered empty paragraph still counts', () => {
    const numbering =
      `<w:numbering ${W}>` +
      `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>` +
      `<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>` +
      `<w:num w:numId="4"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
    const styles =
      `<w:styles ${W}>` +
      `<w:style w:styleId="Numbered"><w:name w:val="Numbered"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/></w:numPr></w:pPr></w:style>` +
      `<w:style w:styleId="Child"><w:name w:val="Child"/><w:basedOn w:val="Numbered"/></w:style>` +
      `<w:style w:styleId="Loop1"><w:name w:val="Loop1"/><w:basedOn w:val="Loop2"/></w:style>` +
      `<w:style w:styleId="Loop2"><w:name w:val="Loop2"/><w:basedOn w:val="Loop1"/></w:style>` +
      `</w:styles>`
    const numPr = (level: number) => `<w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="4"/></w:numPr>`
    const { blocks } = readDocx(
      docx(
        p(r('Premier'), numPr(0)) +
          p('', numPr(0)) +
          p(r('Troisième'), numPr(0)) +
          p(r('Sous-point'), '<w:pStyle w:val="Numbered"/>') +
          p(r('Hérité'), '<w:pStyle w:val="Child"/>') +
          p(r('Niveau 0 par défaut'), '<w:numPr><w:numId w:val="4"/></w:numPr>') +
          p(r('Boucle'), '<w:pStyle w:val="Loop1"/>'),
        { numbering, styles },
      ),
    )
    expect(blocks.map((b) => [b.label, b.text])).toEqual([
      ['1.', 'Premier'],
      ['2.', ''],
      ['3.', 'Troisième'],
      ['a)', 'Sous-point'],
      ['b)', 'Hérité'],
      ['4.', 'Niveau 0 par défaut'],
      [undefined, 'Boucle'],
    ])
  })

  it('keeps footnotes apart, numbered by their calls in order, on the call’s page; separators are not notes', () => {
    const footnotes =
      `<w:footnotes ${W}>` +
      `<w:footnote w:type="separator" w:id="-1">${p('<w:r><w:separator/></w:r>')}</w:footnote>` +
      `<w:footnote w:type="continuationSeparator" w:id="0">${p(r('suite'))}</w:footnote>` +
      `<w:footnote w:id="7">${p(r(' Voir CTOC/COP/WG.7/2021/2.'))}${p(r('Deuxième ligne. '))}</w:footnote>` +
      `<w:footnote w:id="3">${p(r('Résolution 10/4.'))}</w:footnote>` +
      `</w:footnotes>`
    const ref = (id: string) => `<w:r><w:footnoteReference w:id="${id}"/></w:r>`
    const { blocks, pages } = readDocx(
      docx(p(`${r('Premier appel')}${ref('3')}${r(' et')}${ref('0')}`) + p(`<w:r><w:br w:type="page"/></w:r>${r('Second appel')}${ref('7')}`), { footnotes }),
    )
    expect(pages).toBe(2)
    expect(blocks).toEqual([
      { kind: 'paragraph', page: 1, text: 'Premier appel et', lineNoteRefs: [['1']] },
      { kind: 'paragraph', page: 2, text: 'Second appel', lineNoteRefs: [['2']] },
      { kind: 'footnote', marker: '1', text: 'Résolution 10/4.', page: 1 },
      { kind: 'footnote', marker: '2', text: 'Voir CTOC/COP/WG.7/2021/2.\nDeuxième ligne.', page: 2 },
    ])
  })

  it('counts pages from page breaks and Word’s last rendered page breaks; a paragraph opening with one starts on the next page', () => {
    const { blocks, pages } = readDocx(
      docx(
        p(r('Page un')) +
          p(`<w:r><w:lastRenderedPageBreak/>${'<w:t>Page deux</w:t>'}</w:r>`) +
          p(`${r('Encore deux')}<w:r><w:br w:type="page"/></w:r><w:r><w:br w:type="page"/></w:r>`) +
          p(r('Page quatre')),
      ),
    )
    expect(blocks.map((b) => [b.page, b.text])).toEqual([
      [1, 'Page un'],
      [2, 'Page deux'],
      [2, 'Encore deux'],
      [4, 'Page quatre'],
    ])
    expect(pages).toBe(4)
  })

  it('reads headers and footers as page furniture, in part order, before the body', () => {
    const part = (tag: string, ...texts: string[]) => `<w:${tag} ${W}>${texts.map((t) => p(r(t))).join('')}</w:${tag}>`
    const { blocks } = readDocx(
      docx(p(r('Texte')), { footer1: part('ftr', '2/8'), header2: part('hdr', 'V.21-07777'), header1: part('hdr', 'CTOC/COP/WG.7/2021/3', ' ') }),
    )
    expect(blocks).toEqual([
      { kind: 'furniture', text: '2/8' },
      { kind: 'furniture', text: 'CTOC/COP/WG.7/2021/3' },
      { kind: 'furniture', text: 'V.21-07777' },
      { kind: 'paragraph', text: 'Texte', lineNoteRefs: [[]] },
    ])
  })

  it('refuses a zip with no Word body, and a part that is not well-formed XML, saying which', () => {
    expect(() => readDocx(zipSync({ 'xl/workbook.xml': encode('<workbook/>') }))).toThrow(
      'not a Word document: the file has no word/document.xml body (is it another Office format?).',
    )
    expect(() => readDocx(zipSync({ 'word/document.xml': encode(`<w:document ${W}><w:body/></w:document>`), 'word/styles.xml': encode('<w:styles><w:style></w:styles>') }))).toThrow(
      /^damaged Word file: word\/styles\.xml is not well-formed XML \(malformed XML: .+\)\.$/,
    )
  })
})

describe('readDocx, what a reader of the report would notice', () => {
  it('a paragraph split by a page break is on the page where its first word is; a blank run before the break does not count', () => {
    const pageBreak = '<w:r><w:br w:type="page"/></w:r>'
    const { blocks } = readDocx(docx(p(r('Page un')) + p(`${r('Début')}${pageBreak}${r('suite')}`) + p(`${r(' ')}${pageBreak}${r('Ouverture')}`) + p(r('Après'))))
    expect(blocks.map((b) => [b.page, b.text])).toEqual([
      [1, 'Page un'],
      [1, 'Débutsuite'],
      [3, ' Ouverture'],
      [3, 'Après'],
    ])
  })

  it('tab stops in paragraph properties and deleted tabs or breaks add nothing to the text or the pages', () => {
    const tabStops = '<w:tabs><w:tab w:val="left" w:pos="720"/><w:tab w:val="right" w:pos="9000"/></w:tabs>'
    const deleted = '<w:del w:id="1" w:author="x"><w:r><w:tab/><w:br/><w:br w:type="page"/><w:t>effacé</w:t></w:r></w:del>'
    const { blocks, pages } = readDocx(docx(p(`${r('Texte')}${deleted}${r(' fin')}`, tabStops)))
    expect(blocks).toEqual([{ kind: 'paragraph', text: 'Texte fin', lineNoteRefs: [[]] }])
    expect(pages).toBeUndefined()
  })

  it('numbers a paragraph at the level its own numPr names, and at level 0 when a numbered style names none', () => {
    const numbering =
      `<w:numbering ${W}>` +
      `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>` +
      `<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>` +
      `<w:num w:numId="4"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
    // Word's "List Number" style: a numId and no ilvl.
    const styles = `<w:styles ${W}><w:style w:styleId="ListNumber"><w:name w:val="List Number"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style></w:styles>`
    const { blocks } = readDocx(
      docx(
        p(r('Premier'), '<w:pStyle w:val="ListNumber"/>') +
          p(r('Sous-point'), '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/></w:numPr>') +
          p(r('Deuxième'), '<w:pStyle w:val="ListNumber"/>'),
        { numbering, styles },
      ),
    )
    expect(blocks.map((b) => [b.label, b.text])).toEqual([
      ['1.', 'Premier'],
      ['a)', 'Sous-point'],
      ['2.', 'Deuxième'],
    ])
  })

  it('reads a paragraph whose style is not defined, or a style with no name, as a plain paragraph', () => {
    const styles = `<w:styles ${W}><w:style w:styleId="Nameless"/><w:style w:styleId="Child"><w:name w:val="Child"/><w:basedOn w:val="Missing"/></w:style></w:styles>`
    const { blocks } = readDocx(docx(p(r('Inconnu'), '<w:pStyle w:val="Unknown"/>') + p(r('Sans nom'), '<w:pStyle w:val="Nameless"/>') + p(r('Parent absent'), '<w:pStyle w:val="Child"/>'), { styles }))
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', 'Inconnu'],
      ['paragraph', 'Sans nom'],
      ['paragraph', 'Parent absent'],
    ])
  })
})
