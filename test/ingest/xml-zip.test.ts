// The two containers under the Word reader: the minimal XML reader (elements, attributes, text, entities, and
// malformed input refused) and the zip reader's refusals (not a zip, damaged, inflating past its cap).

import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { UnreadableFile } from '../../src/ingest/unreadable.js'
import { child, children, descendants, parseXml } from '../../src/ingest/xml.js'
import { unzipParts } from '../../src/ingest/zip.js'

describe('parseXml', () => {
  it('reads elements, attributes in either quotes, self-closing elements and text in order', () => {
    const root = parseXml(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:p a = "1" b='deux'><w:r/>texte<w:t>mot</w:t></w:p>`)
    expect(root.children).toEqual([
      '\n',
      {
        name: 'w:p',
        attrs: { a: '1', b: 'deux' },
        children: [{ name: 'w:r', attrs: {}, children: [] }, 'texte', { name: 'w:t', attrs: {}, children: ['mot'] }],
      },
    ])
  })

  it('decodes named and numeric entities in text and attributes, in either case', () => {
    const root = parseXml(`<t v="&quot;a&quot; &amp; &apos;b&apos;">&lt;x&gt; &#233;t&#xE9; &#X2019; &AMP;</t>`)
    const t = child(root, 't')!
    expect(t.attrs['v']).toBe(`"a" & 'b'`)
    expect(t.children).toEqual(['<x> été ’ &'])
  })

  it('keeps CDATA as written and skips comments, processing instructions and a DOCTYPE', () => {
    const root = parseXml(`<!DOCTYPE w><a><!-- <b>not an element</b> --><![CDATA[<b>&amp;</b>]]><?pi x?></a>`)
    expect(child(root, 'a')!.children).toEqual(['<b>&amp;</b>'])
  })

  it.each([
    ['<a><b></a>', /<\/a> closes <b>/],
    ['<a>', /truncated/],
    ['<a></a>< <b/>', /malformed XML at offset 7/],
    ['<a><b c="1></b></a>', /malformed XML/],
  ])('refuses %j', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(message)
  })

  it('finds children and descendants by name, in document order', () => {
    const root = parseXml('<body><p id="1"><p id="2"/></p><t><p id="3"/></t><p id="4"/></body>')
    const body = child(root, 'body')!
    expect(children(body, 'p').map((p) => p.attrs['id'])).toEqual(['1', '4'])
    // A match's own descendants are not searched: Word paragraphs do not nest.
    expect(descendants(body, 'p').map((p) => p.attrs['id'])).toEqual(['1', '3', '4'])
    expect(child(undefined, 'p')).toBeUndefined()
    expect(child(body, 'q')).toBeUndefined()
  })
})

describe('unzipParts', () => {
  const text = (s: string) => new TextEncoder().encode(s)
  const container = zipSync({ 'word/document.xml': text('<w:document/>'), 'word/media/image1.png': new Uint8Array(10), 'docProps/app.xml': text('<a/>') })

  it('inflates only the parts asked for', () => {
    const parts = unzipParts(container, (name) => name.startsWith('word/') && name.endsWith('.xml'))
    expect([...parts.keys()]).toEqual(['word/document.xml'])
    expect(new TextDecoder().decode(parts.get('word/document.xml'))).toBe('<w:document/>')
  })

  it('refuses what inflates past the cap, naming the cap in MiB, and accepts what stays under it', () => {
    const MiB = 1024 * 1024
    const big = zipSync({ 'a.xml': new Uint8Array(MiB), 'b.xml': new Uint8Array(10) })
    expect(() => unzipParts(big, () => true, MiB)).toThrow(new UnreadableFile('Word file that inflates to more than 1 MiB of text (a zip bomb?): refused.'))
    // Exactly at the cap is still a report; one byte less is not.
    expect(unzipParts(big, () => true, MiB + 10).get('a.xml')).toHaveLength(MiB)
    expect(() => unzipParts(big, () => true, MiB + 9)).toThrow(/more than 1 MiB/)
    // Parts left out do not count.
    expect(unzipParts(big, (name) => name === 'b.xml', 10).get('b.xml')).toHaveLength(10)
  })

  it('refuses a file that is not a zip, and a damaged zip, saying which', () => {
    expect(() => unzipParts(text('PK'), () => true)).toThrow(/not a Word file: a \.docx is a zip container/)
    expect(() => unzipParts(text('PL\u0003\u0004 a text file'), () => true)).toThrow(/not a Word file/)
    expect(() => unzipParts(text('QK\u0003\u0004 a text file'), () => true)).toThrow(/not a Word file/)
    const damaged = Uint8Array.from(container)
    damaged.fill(0xff, 30, 60) // inside the first entry's name and data
    expect(() => unzipParts(damaged, () => true)).toThrow(/^damaged Word file: its zip container cannot be read \(.+\)\.$/)
  })
})

describe('parseXml at its edges', () => {
  it('keeps whitespace and line breaks inside CDATA', () => {
    expect(parseXml('<a><![CDATA[deux mots\net une ligne]]></a>').children).toEqual([{ name: 'a', attrs: {}, children: ['deux mots\net une ligne'] }])
  })

  it('refuses a part cut short right after its root closed', () => {
    expect(() => parseXml('<a></a><')).toThrow('malformed XML: truncated')
  })
})
