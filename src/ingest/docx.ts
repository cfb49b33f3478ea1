// The Word reader: .docx bytes → blocks. Paragraphs with Word's automatic numbers rebuilt from numbering.xml,
// headings by style, footnotes kept apart and called by marker, headers and footers as page furniture.
// Pages are known only where the file marks them (page breaks, Word's last rendered page breaks).

import type { Block, ReadDocument } from './blocks.js'
import { UnreadableFile } from './unreadable.js'
import { readNumberingDefinitions, WordNumbering } from './word-numbering.js'
import { child, children, descendants, parseXml, type XmlElement } from './xml.js'
import { unzipParts } from './zip.js'

const PARTS = /^word\/(?:document|numbering|styles|footnotes|header\d*|footer\d*)\.xml$/

interface Style {
  heading: boolean
  numId?: string
  level?: number
  basedOn?: string
}

export function readDocx(bytes: Uint8Array): ReadDocument {
  const parts = unzipParts(bytes, (name) => PARTS.test(name))
  const xml = (name: string): XmlElement | undefined => {
    const data = parts.get(name)
    if (!data) return undefined
    try {
      return parseXml(Buffer.from(data).toString('utf8'))
    } catch (error) {
      throw new UnreadableFile(`damaged Word file: ${name} is not well-formed XML (${(error as Error).message}).`)
    }
  }
  const document = xml('word/document.xml')
  const body = child(child(document, 'w:document'), 'w:body')
  if (!body) throw new UnreadableFile('not a Word document: the file has no word/document.xml body (is it another Office format?).')
  const styles = readStyles(xml('word/styles.xml'))
  const numbering = new WordNumbering(readNumberingDefinitions(xml('word/numbering.xml')))
  const footnoteTexts = readFootnotes(xml('word/footnotes.xml'))

  const blocks: Block[] = []
  for (const name of [...parts.keys()].filter((part) => /^word\/(?:header|footer)\d*\.xml$/.test(part)).sort()) {
    const part = xml(name)
    for (const paragraph of part ? descendants(part, 'w:p') : []) {
      const text = paragraphText(paragraph, () => undefined).text.trim()
      if (text) blocks.push({ kind: 'furniture', text })
    }
  }
  let page = 1
  let pageMarks = false
  const notes: Block[] = []
  let footnoteCount = 0
  for (const paragraph of descendants(body, 'w:p')) {
    const pPr = child(paragraph, 'w:pPr')
    const style = styleOf(styles, child(pPr, 'w:pStyle')?.attrs['w:val'])
    const numPr = child(pPr, 'w:numPr')
    const numId = child(numPr, 'w:numId')?.attrs['w:val'] ?? style.numId
    const level = Number(child(numPr, 'w:ilvl')?.attrs['w:val'] ?? style.level ?? 0)
    const label = numId ? numbering.next(numId, level) : null
    const refs: string[] = []
    const read = paragraphText(paragraph, (id, breaksBefore) => {
      const text = footnoteTexts.get(id)
      if (text === undefined) return undefined
      const marker = String(++footnoteCount)
      notes.push({ kind: 'footnote', marker, text, page: page + breaksBefore })
      refs.push(marker)
      return marker
    })
    // A paragraph that opens with a page break (Word marks the top of a page in the first run after it) starts on the next page.
    const blockPage = page + read.breaksBeforeText
    if (read.pageBreaks > 0) {
      pageMarks = true
      page += read.pageBreaks
    }
    if (read.text.trim() === '' && !label) continue
    const block: Block = { kind: style.heading ? 'heading' : 'paragraph', page: blockPage, text: read.text, lineNoteRefs: [refs] }
    if (label) block.label = label
    blocks.push(block)
  }
  blocks.push(...notes)
  if (!pageMarks) for (const block of blocks) delete block.page
  return { blocks, ...(pageMarks ? { pages: page } : {}) }
}

/**
 * A paragraph's text: runs in order, tabs as spaces, line breaks kept, deleted text and field codes left out; its page
 * breaks, and how many of them come before its first word. `footnote` is told how many page breaks precede its call.
 */
function paragraphText(
  paragraph: XmlElement,
  footnote: (id: string, breaksBefore: number) => string | undefined,
): { text: string; pageBreaks: number; breaksBeforeText: number } {
  let text = ''
  let pageBreaks = 0
  let breaksBeforeText: number | undefined
  const walk = (element: XmlElement) => {
    for (const node of element.children) {
      if (typeof node === 'string') continue
      switch (node.name) {
        case 'w:t': {
          const run = node.children.filter((c): c is string => typeof c === 'string').join('')
          if (breaksBeforeText === undefined && /\S/.test(run)) breaksBeforeText = pageBreaks
          text += run
          break
        }
        case 'w:tab': text += ' '; break
        case 'w:noBreakHyphen': text += '-'; break
        case 'w:br': if (node.attrs['w:type'] === 'page') pageBreaks++; else text += '\n'; break
        case 'w:cr': text += '\n'; break
        case 'w:lastRenderedPageBreak': pageBreaks++; break
        case 'w:footnoteReference': footnote(node.attrs['w:id'] ?? '', pageBreaks); break
        case 'w:del': case 'w:instrText': case 'w:delText': case 'w:pPr': case 'w:rPr': break
        default: walk(node)
      }
    }
  }
  walk(paragraph)
  return { text: text.replace(/\u00ad/g, ''), pageBreaks, breaksBeforeText: breaksBeforeText ?? 0 }
}

function readFootnotes(footnotes: XmlElement | undefined): Map<string, string> {
  const texts = new Map<string, string>()
  const root = footnotes ? child(footnotes, 'w:footnotes') : undefined
  for (const note of root ? children(root, 'w:footnote') : []) {
    if (note.attrs['w:type'] === 'separator' || note.attrs['w:type'] === 'continuationSeparator') continue
    const text = descendants(note, 'w:p').map((p) => paragraphText(p, () => undefined).text).join('\n').trim()
    texts.set(note.attrs['w:id'] ?? '', text)
  }
  return texts
}

function readStyles(styles: XmlElement | undefined): Map<string, Style> {
  const map = new Map<string, Style>()
  const root = styles ? child(styles, 'w:styles') : undefined
  for (const style of root ? children(root, 'w:style') : []) {
    const name = child(style, 'w:name')?.attrs['w:val'] ?? ''
    const pPr = child(style, 'w:pPr')
    const numPr = child(pPr, 'w:numPr')
    const entry: Style = { heading: /^(?:heading \d|title|titre)/i.test(name) || child(pPr, 'w:outlineLvl') !== undefined }
    const numId = child(numPr, 'w:numId')?.attrs['w:val']
    const level = child(numPr, 'w:ilvl')?.attrs['w:val']
    const basedOn = child(style, 'w:basedOn')?.attrs['w:val']
    if (numId !== undefined) entry.numId = numId
    if (level !== undefined) entry.level = Number(level)
    if (basedOn !== undefined) entry.basedOn = basedOn
    map.set(style.attrs['w:styleId'] ?? '', entry)
  }
  return map
}

/** A style with what it inherits (numbering, heading-ness) from the styles it is based on. */
function styleOf(styles: Map<string, Style>, id: string | undefined): Style {
  const chain: Style[] = []
  for (let at = id, depth = 0; at !== undefined && depth < 10; depth++) {
    const style = styles.get(at)
    if (!style) break
    chain.push(style)
    at = style.basedOn
  }
  const numbered = chain.find((style) => style.numId !== undefined)
  return { heading: chain[0]?.heading ?? false, ...(numbered ? { numId: numbered.numId!, level: numbered.level ?? 0 } : {}) }
}
