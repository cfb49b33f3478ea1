// parseDocument and parseBlocks on hand-written documents: ids, repeated paragraphs, footnotes found by page, the
// fields of a passage and of the document. Each expected value is read off the text written here.

import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Block } from '../../src/ingest/blocks.js'
import { parseBlocks, parseDocument } from '../../src/ingest/parse.js'

const numbered = (...paragraphs: string[]) => ['Titre du document', '', 'I. Débat', '', ...paragraphs.flatMap((p) => [p, ''])].join('\n')

describe('parseDocument', () => {
  it('gives each passage its id, document, file, label, section, offsets, text, kind and order', () => {
    const raw = numbered('1. Les États parties coopèrent.', '2. Les migrants sont protégés.')
    const { document, passages } = parseDocument('007_x.txt', raw)
    expect(document.id).toBe('007_x')
    expect(document.sha256).toBe(createHash('sha256').update(raw, 'utf8').digest('hex'))
    expect(passages.map((p) => ({ ...p }))).toEqual([
      {
        id: '007_x.p1',
        docId: '007_x',
        file: '007_x.txt',
        paragraph: '1',
        section: ['I. Débat'],
        start: raw.indexOf('Les États'),
        end: raw.indexOf('Les États') + 'Les États parties coopèrent.'.length,
        text: 'Les États parties coopèrent.',
        kind: 'deliberation',
        order: 0,
      },
      expect.objectContaining({ id: '007_x.p2', paragraph: '2', order: 1, text: 'Les migrants sont protégés.' }),
    ])
    expect(passages[0]).not.toHaveProperty('pages')
    expect(passages[0]).not.toHaveProperty('notes')
  })

  it('a number repeated with other words gets -2, -3; repeated with the same words (90 % or more) is dropped', () => {
    const ten = 'Un deux trois quatre cinq six sept huit neuf dix'
    const raw = numbered('1. Premier.', `2. ${ten}.`, `2. ${ten} onze.`, '2. Rien de commun avec le reste.', '2. Toujours autre chose encore.')
    const { passages } = parseDocument('d.txt', raw)
    // "ten onze" holds the first ¶2's 10 words among its 11 (0.909 ≥ 0.9): a copy, dropped.
    expect(passages.map((p) => p.id)).toEqual(['d.p1', 'd.p2', 'd.p2-2', 'd.p2-3'])
    expect(passages.map((p) => p.order)).toEqual([0, 1, 2, 3])
    expect(passages.map((p) => p.paragraph)).toEqual(['1', '2', '2', '2'])
    // Dropped, not joined to the paragraph before.
    expect(passages[1]!.text).toBe(`${ten}.`)
  })

  it('below 90 % of shared words, a repeated number is another paragraph', () => {
    // 10 words of 12 shared (0.83): kept as ¶2-2. Words are compared in any case.
    const ten = 'Un deux trois quatre cinq six sept huit neuf dix'
    const kept = parseDocument('d.txt', numbered('1. Premier.', `2. ${ten}.`, `2. ${ten.toUpperCase()} onze douze.`)).passages
    expect(kept.map((p) => p.id)).toEqual(['d.p1', 'd.p2', 'd.p2-2'])
    const dropped = parseDocument('d.txt', numbered('1. Premier.', `2. ${ten}.`, `2. ${ten.toUpperCase()}.`)).passages
    expect(dropped.map((p) => p.id)).toEqual(['d.p1', 'd.p2'])
    // Exactly 90 % (9 words of 10) is a copy; the same letters in other words are not.
    const ninety = parseDocument('d.txt', numbered('1. Premier.', `2. ${ten}.`, '2. Un deux trois quatre cinq six sept huit neuf onze.')).passages
    expect(ninety.map((p) => p.id)).toEqual(['d.p1', 'd.p2'])
    const reversed = ten.split(' ').map((w) => [...w].reverse().join('')).join(' ')
    const anagrams = parseDocument('d.txt', numbered('1. Premier.', `2. ${ten}.`, `2. N${reversed.slice(1)}.`)).passages
    expect(anagrams.map((p) => p.id)).toEqual(['d.p1', 'd.p2', 'd.p2-2'])
    // A copy is a copy of any earlier passage of the number, not only the first.
    const third = parseDocument('d.txt', numbered('1. Premier.', '2. Autre chose.', `2. ${ten}.`, `2. ${ten}.`)).passages
    expect(third.map((p) => p.id)).toEqual(['d.p1', 'd.p2', 'd.p2-2'])
  })

  it('unnumbered passages are u1, u2… in order', () => {
    const raw = ['Titre du document', '', 'Introduction', '', 'Un texte sans numéro.', '', 'Conclusion', '', 'Un autre texte.', ''].join('\n')
    const { passages } = parseDocument('n.txt', raw)
    expect(passages.map((p) => [p.id, p.paragraph, p.section])).toEqual([
      ['n.u1', '', ['Introduction']],
      ['n.u2', '', ['Conclusion']],
    ])
  })
})

describe('parseBlocks', () => {
  const heading: Block = { kind: 'heading', page: 1, text: 'I. Débat' }

  it('keeps the pages and the OCR pages the reader gives, and none when it gives none', () => {
    const blocks: Block[] = [heading, { kind: 'paragraph', page: 1, text: '1. Les États parties coopèrent.' }]
    const read = parseBlocks('a.pdf', 'hash', { blocks, pages: 3, ocrPages: [2, 3] })
    expect(read.document).toMatchObject({ id: 'a', sha256: 'hash', pages: 3, ocrPages: [2, 3] })
    expect(read.passages[0]!.pages).toEqual([1])
    const plain = parseBlocks('a.docx', 'hash', { blocks: blocks.map(({ page: _, ...rest }) => rest), ocrPages: [] })
    expect(plain.document).not.toHaveProperty('pages')
    expect(plain.document).not.toHaveProperty('ocrPages')
    expect(plain.passages[0]).not.toHaveProperty('pages')
  })

  it('gives a passage the notes it calls, the one on its own page when a marker repeats', () => {
    const blocks: Block[] = [
      heading,
      { kind: 'paragraph', page: 1, text: '1. Un appel de note.', lineNoteRefs: [['*']] },
      { kind: 'footnote', page: 1, text: 'La note de la\npage un.', marker: '*' },
      { kind: 'paragraph', page: 2, text: '2. Un autre appel.', lineNoteRefs: [['*']] },
      { kind: 'footnote', page: 2, text: 'La note de la page deux.', marker: '*' },
      { kind: 'paragraph', page: 3, text: '3. Un appel sans note sur sa page.', lineNoteRefs: [['*', '9']] },
    ]
    const { passages } = parseBlocks('b.pdf', 'hash', { blocks, pages: 3 })
    expect(passages.map((p) => p.notes)).toEqual([
      [{ marker: '*', text: 'La note de la page un.' }],
      [{ marker: '*', text: 'La note de la page deux.' }],
      // No * on page 3: the first one; no note 9 at all: nothing.
      [{ marker: '*', text: 'La note de la page un.' }],
    ])
  })

  it('a footnote without a marker is no note; a block without pages takes the first note of its marker', () => {
    const blocks: Block[] = [
      heading,
      { kind: 'paragraph', text: '1. Un appel.', lineNoteRefs: [['4']] },
      { kind: 'footnote', text: 'Sans marqueur.' },
      { kind: 'footnote', text: 'La note quatre.', marker: '4' },
      { kind: 'footnote', text: 'Une autre note quatre.', marker: '4' },
      { kind: 'paragraph', text: '2. Sans appel.' },
    ]
    const { passages } = parseBlocks('c.docx', 'hash', { blocks })
    expect(passages[0]!.notes).toEqual([{ marker: '4', text: 'La note quatre.' }])
    expect(passages[1]).not.toHaveProperty('notes')
  })
})
