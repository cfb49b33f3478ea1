// Blocks → the source lines the paragraph reader reads: what each kind of block becomes, labels, pages and
// footnote calls per line, and offsets into the text. Expected lines written out by hand from the blocks.

import { describe, expect, it } from 'vitest'
import { blocksToLines, type Block } from '../../src/ingest/blocks.js'

/** Each line as [text, page, furniture, markdownHeading, noteRefs], the fields the paragraph reader uses. */
const lines = (blocks: Block[]) =>
  blocksToLines(blocks).lines.map((line) => [line.text, line.page, line.furniture, line.markdownHeading, line.noteRefs])

describe('blocksToLines', () => {
  it('a blank line between blocks, one line per printed line, spaces collapsed; offsets point into the text', () => {
    const { raw, lines: read } = blocksToLines([
      { kind: 'paragraph', page: 3, text: '  Les   États\nparties. ' },
      { kind: 'paragraph', page: 3, text: 'Fin.' },
    ])
    expect(raw).toBe('Les États\nparties.\n\nFin.')
    expect(read.map((line) => [line.n, line.text, line.indent])).toEqual([[0, 'Les États', 0], [1, 'parties.', 0], [2, '', 0], [3, 'Fin.', 0]])
    for (const line of read) expect(line.offsets.map((offset) => raw[offset]).join('')).toBe(line.text)
    expect(read[3]!.offsets).toEqual([20, 21, 22, 23])
    // The blank line belongs to no page and calls no note.
    expect(read[2]).not.toHaveProperty('page')
    expect(read[2]).not.toHaveProperty('noteRefs')
  })

  it('footnotes and furniture are marked, never text; the blank line before a block is marked as that block', () => {
    expect(lines([
      { kind: 'furniture', page: 1, text: 'V.15-06043 9' },
      { kind: 'footnote', page: 1, text: 'Voir la note.', marker: '4' },
      { kind: 'heading', page: 1, text: 'Introduction' },
      { kind: 'paragraph', page: 1, text: 'Texte.' },
    ])).toEqual([
      ['V.15-06043 9', 1, 'running-header', 0, undefined],
      ['', undefined, 'footnote', 0, undefined],
      ['Voir la note.', 1, 'footnote', 0, undefined],
      ['', undefined, null, 1, undefined],
      ['Introduction', 1, null, 1, undefined],
      ['', undefined, null, 0, undefined],
      ['Texte.', 1, null, 0, undefined],
    ])
  })

  it('a heading’s wrapped lines are joined; a printed line opening with a capital is a heading of its own', () => {
    expect(lines([{ kind: 'heading', page: 2, text: 'Recommandations relatives à la\nsensibilisation\nProtection des témoins' }])).toEqual([
      ['Recommandations relatives à la sensibilisation', 2, null, 1, undefined],
      ['Protection des témoins', 2, null, 1, undefined],
    ])
  })

  it('a heading keeps its label and its calls on its first line', () => {
    expect(lines([{ kind: 'heading', page: 2, text: 'Introduction\nSuite', label: 'I.', lineNoteRefs: [['1'], undefined, ['2']] }])).toEqual([
      ['I. Introduction', 2, null, 1, ['1', '2']],
      ['Suite', 2, null, 1, undefined],
    ])
  })

  it('a number label heads the first line; another label (`Recommandation 7`) stands on its own line', () => {
    expect(lines([{ kind: 'paragraph', page: 4, text: 'Les États\nparties.', label: '36.', linePages: [4, 5], lineNoteRefs: [['3'], ['4', '5']] }])).toEqual([
      ['36. Les États', 4, null, 0, ['3']],
      ['parties.', 5, null, 0, ['4', '5']],
    ])
    expect(lines([{ kind: 'paragraph', page: 4, text: 'Les États', label: 'Recommandation 7', lineNoteRefs: [['3']] }])).toEqual([
      ['Recommandation 7', 4, null, 0, undefined],
      ['Les États', 4, null, 0, ['3']],
    ])
  })

  it('each line takes its own page when the block runs over a page break, else the block’s', () => {
    expect(lines([{ kind: 'paragraph', page: 4, text: 'un\ndeux\ntrois', linePages: [4, 5] }]).map((line) => line[1])).toEqual([4, 5, 4])
    expect(lines([{ kind: 'paragraph', text: 'sans page' }])[0]![1]).toBeUndefined()
  })

  it('empty printed lines and empty blocks are skipped; an empty block with a label still gives its label', () => {
    expect(lines([
      { kind: 'paragraph', page: 1, text: 'un\n  \ndeux' },
      { kind: 'paragraph', page: 1, text: ' \n ' },
      { kind: 'paragraph', page: 1, text: '', label: 'Recommandation 8' },
    ]).map((line) => line[0])).toEqual(['un', 'deux', '', 'Recommandation 8'])
    expect(blocksToLines([{ kind: 'paragraph', page: 1, text: '' }])).toEqual({ raw: '', lines: [] })
  })

  it('an empty list of calls on a line sets none', () => {
    const [line] = blocksToLines([{ kind: 'paragraph', page: 1, text: 'Texte.', lineNoteRefs: [[]] }]).lines
    expect(line).not.toHaveProperty('noteRefs')
  })
})
