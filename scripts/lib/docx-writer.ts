// A small Word (.docx) writer for the ingestion fixtures: paragraphs, automatic numbering, footnotes,
// headers and footers with a page field, column sections. Only what the fixtures need; the XML is Word's.

import { strToU8, zipSync } from 'fflate'

export type Run = string | { footnote: number } | { tab: true } | { pageBreak: true }

export interface DocxParagraph {
  runs: Run[]
  style?: 'Heading1' | 'Heading2' | 'Title' | 'Cover'
  align?: 'right' | 'center'
  bold?: boolean
  /** Automatic numbering: a `w:num` id and a level. */
  num?: { id: number; level: number }
  /** Ends a section here (the section that this paragraph closes). */
  sectionEnd?: { columns: number }
}

export interface AbstractNum {
  id: number
  levels: Array<{ start: number; format: 'decimal' | 'lowerLetter' | 'upperRoman'; text: string; restartAfter?: number }>
}

export interface DocxSpec {
  paragraphs: DocxParagraph[]
  abstractNums: AbstractNum[]
  /** `w:num` instances: id → abstractNum id, with optional start overrides by level. */
  nums: Array<{ id: number; abstract: number; startOverride?: Record<number, number> }>
  /** Footnote texts by id (from 1). */
  footnotes: Record<number, string>
  header: string
  /** Footer text; ` {PAGE}` is replaced by a page-number field. */
  footer: string
  /** Hyphenate automatically at line ends (LibreOffice needs the French patterns: Debian's hyphen-fr). */
  hyphenation?: boolean
  /** Header and footer of the first page (a cover page), when it differs. */
  firstPage?: { header: string; footer: string }
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const t = (text: string) => `<w:r><w:t xml:space="preserve">${escape(text)}</w:t></w:r>`

function runXml(run: Run): string {
  if (typeof run === 'string') return t(run)
  if ('footnote' in run) return `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${run.footnote}"/></w:r>`
  if ('tab' in run) return '<w:r><w:tab/></w:r>'
  return '<w:r><w:br w:type="page"/></w:r>'
}

function sectPr(columns: number, first: boolean, continuous: boolean): string {
  const refs = `<w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/>` +
    (first ? `<w:headerReference w:type="first" r:id="rIdHeaderFirst"/><w:footerReference w:type="first" r:id="rIdFooterFirst"/>` : '')
  return `<w:sectPr>${refs}${continuous ? '<w:type w:val="continuous"/>' : ''}<w:pgSz w:w="11906" w:h="16838"/>` +
    `<w:pgMar w:top="1701" w:right="1247" w:bottom="1701" w:left="1247" w:header="850" w:footer="850" w:gutter="0"/>` +
    `<w:cols w:num="${columns}" w:space="454"/>${first ? '<w:titlePg/>' : ''}</w:sectPr>`
}

function paragraphXml(paragraph: DocxParagraph, sectionIndex: number): string {
  const props = [
    paragraph.style ? `<w:pStyle w:val="${paragraph.style}"/>` : '',
    paragraph.num ? `<w:numPr><w:ilvl w:val="${paragraph.num.level}"/><w:numId w:val="${paragraph.num.id}"/></w:numPr>` : '',
    paragraph.align ? `<w:jc w:val="${paragraph.align}"/>` : '',
    paragraph.sectionEnd ? sectPr(paragraph.sectionEnd.columns, sectionIndex === 0, sectionIndex > 0) : '',
  ].join('')
  const runs = paragraph.runs.map(runXml).join('')
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${paragraph.bold ? runs.replace(/<w:r>/g, '<w:r><w:rPr><w:b/></w:rPr>') : runs}</w:p>`
}

function partXml(tag: 'hdr' | 'ftr', text: string, align: 'left' | 'right'): string {
  const [before, after] = text.split('{PAGE}') as [string, string | undefined]
  const field = after === undefined ? '' : `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${t('1')}<w:r><w:fldChar w:fldCharType="end"/></w:r>${after ? t(after) : ''}`
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:${tag} xmlns:w="${W}" xmlns:r="${R}"><w:p><w:pPr><w:jc w:val="${align}"/></w:pPr>${before ? t(before) : ''}${field}</w:p></w:${tag}>`
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif"/><w:sz w:val="20"/><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="left"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="120"/><w:jc w:val="left"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:pPr><w:spacing w:before="480" w:after="240"/><w:jc w:val="left"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Cover"><w:name w:val="Cover"/><w:pPr><w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="16"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
</w:styles>`

function numberingXml(spec: DocxSpec): string {
  const abstracts = spec.abstractNums.map((abstract) => `<w:abstractNum w:abstractNumId="${abstract.id}"><w:multiLevelType w:val="multilevel"/>${abstract.levels
    .map((level, ilvl) => `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${level.start}"/><w:numFmt w:val="${level.format}"/>${level.restartAfter !== undefined ? `<w:lvlRestart w:val="${level.restartAfter}"/>` : ''}<w:lvlText w:val="${escape(level.text)}"/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="${567 * (ilvl + 1)}"/></w:tabs><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>`)
    .join('')}</w:abstractNum>`)
  const nums = spec.nums.map((num) => `<w:num w:numId="${num.id}"><w:abstractNumId w:val="${num.abstract}"/>${Object.entries(num.startOverride ?? {})
    .map(([level, start]) => `<w:lvlOverride w:ilvl="${level}"><w:startOverride w:val="${start}"/></w:lvlOverride>`)
    .join('')}</w:num>`)
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="${W}">${abstracts.join('')}${nums.join('')}</w:numbering>`
}

function footnotesXml(spec: DocxSpec): string {
  const notes = Object.entries(spec.footnotes).map(
    ([id, text]) => `<w:footnote w:id="${id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>${t(` ${text}`)}</w:p></w:footnote>`,
  )
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="${W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>${notes.join('')}</w:footnotes>`
}

/** The .docx file's bytes. */
export function writeDocx(spec: DocxSpec): Uint8Array {
  let section = 0
  const body = spec.paragraphs.map((paragraph) => {
    const xml = paragraphXml(paragraph, section)
    if (paragraph.sectionEnd) section++
    return xml
  })
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body.join('')}${sectPr(1, section === 0, section > 0)}</w:body></w:document>`
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`
  const override = (part: string, type: string) => `<Override PartName="/word/${part}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.${type}+xml"/>`
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${override('document.xml', 'document.main')}${override('styles.xml', 'styles')}${override('settings.xml', 'settings')}${override('numbering.xml', 'numbering')}${override('footnotes.xml', 'footnotes')}${override('header1.xml', 'header')}${override('footer1.xml', 'footer')}${override('header2.xml', 'header')}${override('footer2.xml', 'footer')}</Types>`),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rIdStyles', 'styles', 'styles.xml')}${rel('rIdSettings', 'settings', 'settings.xml')}${rel('rIdNumbering', 'numbering', 'numbering.xml')}${rel('rIdFootnotes', 'footnotes', 'footnotes.xml')}${rel('rIdHeader', 'header', 'header1.xml')}${rel('rIdFooter', 'footer', 'footer1.xml')}${rel('rIdHeaderFirst', 'header', 'header2.xml')}${rel('rIdFooterFirst', 'footer', 'footer2.xml')}</Relationships>`),
    'word/document.xml': strToU8(document),
    'word/styles.xml': strToU8(STYLES),
    'word/settings.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="${W}"></w:settings>`),
    'word/numbering.xml': strToU8(numberingXml(spec)),
    'word/footnotes.xml': strToU8(footnotesXml(spec)),
    'word/header1.xml': strToU8(partXml('hdr', spec.header, 'right')),
    'word/footer1.xml': strToU8(partXml('ftr', spec.footer, 'left')),
    'word/header2.xml': strToU8(partXml('hdr', spec.firstPage?.header ?? '', 'right')),
    'word/footer2.xml': strToU8(partXml('ftr', spec.firstPage?.footer ?? '', 'left')),
  }
  return zipSync(files, { level: 6, mtime: new Date('2020-01-01T00:00:00Z') })
}
