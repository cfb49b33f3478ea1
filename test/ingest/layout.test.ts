// The PDF layout pass on hand-placed text items: lines, spaces, superscript calls, margins, footnotes, columns,
// paragraphs and numbers set apart. Each page is written out in points (A4-like, 600 × 800, body text 10 pt).

import { describe, expect, it } from 'vitest'
import { bodySize, layoutPage, printedPageOf, repeatedMarginTexts, type PageText, type TextItem } from '../../src/ingest/layout.js'

/** An item 5 pt wide per character unless told. */
function item(text: string, x: number, y: number, options: Partial<TextItem> = {}): TextItem {
  return { text, x, y, width: text.length * 5, size: 10, bold: false, ...options }
}

const page = (items: TextItem[], n = 2): PageText => ({ page: n, width: 600, height: 800, items })
const lay = (items: TextItem[], repeated = new Set<string>(), n = 2) => layoutPage(page(items, n), 10, repeated)
const texts = (items: TextItem[]) => lay(items).blocks.map((block) => [block.kind, block.text])

describe('bodySize', () => {
  it('is the size most characters are set in (rounded to half a point), 10 when there is no text', () => {
    const pages = [page([item('Un titre assez long', 50, 700, { size: 14 }), item('corps', 50, 600, { size: 9.1 }), item('texte', 50, 590, { size: 9.2 })])]
    // 14 pt has 19 characters; 9.1 and 9.2 both round to 9 and have 10 together: the title's size wins.
    expect(bodySize(pages)).toBe(14)
    pages.push(page([item('beaucoup plus de corps de texte', 50, 500, { size: 8.9 })]))
    expect(bodySize(pages)).toBe(9)
    expect(bodySize([page([item('   ', 50, 500, { size: 12 })])])).toBe(12)
    expect(bodySize([])).toBe(10)
  })
})

describe('lines and spaces', () => {
  it('joins items on one baseline in x order, with a space only where the gap is wider than a thin space', () => {
    const items = [item('ants', 70, 500), item('migr', 50, 500), item('ici', 91.4, 500.5), item('trafic', 120, 499)]
    // migr|ants touch; ants ends at 90 and `ici` starts 1.4 pt later (< 1.5: no space); `ici` ends at 106.4, trafic 13.6 pt later.
    expect(texts(items)).toEqual([['paragraph', 'migrantsici trafic']])
    expect(texts([item('migr', 50, 500), item('ants', 71.6, 500)])).toEqual([['paragraph', 'migr ants']])
  })

  it('puts lines in order from the top and keeps an end-of-line hyphen on its word', () => {
    expect(texts([item('second', 50, 688), item('natio', 50, 700), item('-', 80, 700)])).toEqual([['paragraph', 'natio-\nsecond']])
  })

  it('a new block where the gap above a line is wider than 1.45 lines', () => {
    const items = [item('un', 50, 700), item('deux', 50, 685.6), item('trois', 50, 671.0)]
    // 14.4 pt below `un` is within 14.5; 14.6 below `deux` is not.
    expect(texts(items)).toEqual([['paragraph', 'un\ndeux'], ['paragraph', 'trois']])
  })
})

describe('superscripts', () => {
  it('a raised footnote call leaves the word and is listed for its line; the word reaches over it', () => {
    const items = [item('Les', 50, 500), item('migrants', 70, 500), item('2', 110, 504, { size: 6, width: 3 }), item('.', 113, 500, { width: 2 }), item('suite', 50, 488)]
    const { blocks } = lay(items)
    expect(blocks).toEqual([{ kind: 'paragraph', page: 2, text: 'Les migrants.\nsuite', lineNoteRefs: [['2'], []] }])
  })

  it('a raised `er` stays in its word (`1er juillet`)', () => {
    const items = [item('1', 50, 500, { width: 5 }), item('er', 55, 504, { size: 6, width: 6 }), item('juillet', 64, 500)]
    expect(lay(items).blocks).toEqual([{ kind: 'paragraph', page: 2, text: '1er juillet', lineNoteRefs: [[]] }])
  })

  it('a small item too high above the line, or too far right of it, is a line of its own', () => {
    const high = [item('Les migrants', 50, 500), item('2', 110, 508.5, { size: 6, width: 3 })]
    expect(lay(high).blocks.map((block) => block.text)).toEqual(['2\nLes migrants'])
    const far = [item('Les migrants', 50, 500), item('2', 121, 503, { size: 6, width: 3 })]
    expect(lay(far).blocks.map((block) => block.text)).toEqual(['2\nLes migrants'])
  })
})

describe('margins and printed page numbers', () => {
  it('the top and bottom 9 % of the page are furniture; the footer gives the printed page', () => {
    const items = [item('A/AC.1/2015/3', 400, 730), item('Le texte du rapport.', 50, 600), item('V.15-06043', 50, 71), item('9', 120, 71)]
    const { blocks, printedPage } = lay(items)
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([
      ['furniture', 'A/AC.1/2015/3'],
      ['furniture', 'V.15-06043 9'],
      ['paragraph', 'Le texte du rapport.'],
    ])
    expect(printedPage).toBe(9)
    expect(lay([item('Juste sous la marge', 50, 727), item('Juste au-dessus', 50, 73)]).blocks.map((block) => block.kind)).toEqual(['paragraph', 'paragraph'])
  })

  it('a symbol low on the cover page is furniture; elsewhere it is text', () => {
    const symbol = [item('CTOC/COP/WG.7/2015/3', 50, 610)]
    expect(lay(symbol, new Set(), 1).blocks[0]!.kind).toBe('furniture')
    expect(lay(symbol, new Set(), 2).blocks[0]!.kind).toBe('paragraph')
    expect(lay([item('CTOC/COP/WG.7/2015/3', 50, 590)], new Set(), 1).blocks[0]!.kind).toBe('paragraph')
  })

  it('reads `9`, `9/14` and a job number with its page; a footer with words gives none', () => {
    const furniture = (text: string) => [{ kind: 'furniture' as const, text }]
    expect(printedPageOf(furniture('9/14'))).toBe(9)
    expect(printedPageOf(furniture('12  /  14'))).toBe(12)
    expect(printedPageOf(furniture('V.15-06043   9'))).toBe(9)
    expect(printedPageOf(furniture('Page 9'))).toBeNull()
    expect(printedPageOf([{ kind: 'paragraph', text: '9' }, ...furniture('10')])).toBe(10)
  })

  it('texts repeated in the margins of half the pages or more are running headers, digits folded', () => {
    const pages = [1, 2, 3, 4].map((n) =>
      page([item(`Rapport ${n + 10}  annuel`, 50, 690), item(n === 1 ? 'Une seule fois' : `Corps ${n}`, 50, 400), item(`${n}`, 300, 100)], n),
    )
    expect([...repeatedMarginTexts(pages)].sort()).toEqual(['#', 'Rapport # annuel'])
    // One header on two pages of four is still half; a header on one page is not; below three pages nothing repeats.
    const half = [page([item('Haut', 50, 700)], 1), page([item('Haut', 50, 700)], 2), page([item('Autre', 50, 700)], 3), page([], 4)]
    expect([...repeatedMarginTexts(half)].sort()).toEqual(['Haut'])
    expect(repeatedMarginTexts(pages.slice(0, 2)).size).toBe(0)
    const long = 'x'.repeat(80)
    expect(repeatedMarginTexts([1, 2, 3].map((n) => page([item(long, 10, 700, { width: 5 })], n))).size).toBe(0)
    expect(repeatedMarginTexts([1, 2, 3].map((n) => page([item(long.slice(1), 10, 700, { width: 5 })], n))).size).toBe(1)
  })

  it('a repeated text is furniture wherever it sits on the page', () => {
    const { blocks } = lay([item('Rapport 12 annuel', 50, 400), item('Le texte.', 50, 380)], new Set(['Rapport # annuel']))
    expect(blocks.map((block) => block.kind)).toEqual(['furniture', 'paragraph'])
  })
})

describe('footnotes', () => {
  it('small lines from the first marked one to the page foot are footnotes, each marker opening one', () => {
    const items = [
      item('Le corps du texte.', 50, 500),
      item('3 Voir le rapport', 50, 150, { size: 8 }),
      item('suite de la note.', 50, 140, { size: 8 }),
      item('5', 50, 124, { size: 5, width: 3 }),
      item('Note cinq.', 56, 120, { size: 8 }),
    ]
    expect(lay(items).blocks.map(({ lineNoteRefs, ...block }) => block)).toEqual([
      { kind: 'paragraph', page: 2, text: 'Le corps du texte.' },
      { kind: 'footnote', page: 2, text: 'Voir le rapport\nsuite de la note.', marker: '3' },
      { kind: 'footnote', page: 2, text: 'Note cinq.', marker: '5' },
    ])
  })

  it('small lines with body text below them, or opening with no marker, stay text', () => {
    const above = [item('1 petite ligne', 50, 300, { size: 8 }), item('Le corps du texte.', 50, 280)]
    expect(lay(above).blocks.map((block) => block.kind)).toEqual(['paragraph', 'paragraph'])
    const unmarked = [item('Le corps.', 50, 500), item('Petite ligne', 50, 150, { size: 8 })]
    expect(lay(unmarked).blocks.map((block) => block.kind)).toEqual(['paragraph', 'paragraph'])
    // 9.3 pt is over 92 % of the body: not small enough.
    const near = [item('Le corps.', 50, 500), item('3 Presque le corps', 50, 150, { size: 9.3 })]
    expect(lay(near).blocks.map((block) => block.kind)).toEqual(['paragraph', 'paragraph'])
  })
})

describe('two columns', () => {
  it('a stretch split by a gutter is read left column then right; lines across the page keep their place', () => {
    const rows = [700, 688, 676].flatMap((y, i) => [item(`gauche ${i}`, 50, y, { width: 200 }), item(`droite ${i}`, 320, y, { width: 200 })])
    const items = [item('Un titre sur toute la largeur', 50, 720, { width: 500 }), ...rows, item('Une fin sur toute la largeur', 50, 640, { width: 500 })]
    expect(texts(items)).toEqual([
      ['paragraph', 'Un titre sur toute la largeur'],
      ['paragraph', 'gauche 0\ngauche 1\ngauche 2'],
      ['paragraph', 'droite 0\ndroite 1\ndroite 2'],
      ['paragraph', 'Une fin sur toute la largeur'],
    ])
  })

  it('two rows split by a gap are not yet columns', () => {
    const rows = [700, 688].flatMap((y, i) => [item(`gauche ${i}`, 50, y, { width: 200 }), item(`droite ${i}`, 320, y, { width: 200 })])
    expect(texts(rows)).toEqual([['paragraph', 'gauche 0 droite 0\ngauche 1 droite 1']])
  })
})

describe('headings and numbers set apart', () => {
  it('a bold line or a larger one is a heading block; the text after it is a new paragraph', () => {
    const items = [item('Introduction', 50, 700, { bold: true }), item('Le texte.', 50, 688)]
    expect(texts(items)).toEqual([['heading', 'Introduction'], ['paragraph', 'Le texte.']])
    expect(texts([item('Grand titre', 50, 700, { size: 11.5 }), item('Le texte.', 50, 686)])).toEqual([['heading', 'Grand titre'], ['paragraph', 'Le texte.']])
    expect(texts([item('Petit écart', 50, 700, { size: 10.9 }), item('Le texte.', 50, 686)])).toEqual([['paragraph', 'Petit écart\nLe texte.']])
  })

  it('a bold line after a larger heading starts a heading of its own', () => {
    const items = [item('Titre', 50, 700, { size: 12 }), item('Sous-titre', 50, 686, { bold: true })]
    expect(texts(items)).toEqual([['heading', 'Titre'], ['heading', 'Sous-titre']])
  })

  it('`82.` set apart from its text is the block’s label; close to it, it is text', () => {
    const apart = lay([item('82.', 50, 500, { width: 12 }), item('Le texte.', 80, 500), item('suite', 50, 488)]).blocks
    expect(apart).toEqual([{ kind: 'paragraph', page: 2, text: 'Le texte.\nsuite', label: '82.', lineNoteRefs: [[], []] }])
    const close = lay([item('82.', 50, 500, { width: 12 }), item('Le texte.', 66, 500)]).blocks
    expect(close.map((block) => [block.text, block.label])).toEqual([['82. Le texte.', undefined]])
  })

  it('a number set apart opens a new block even right under the previous line', () => {
    const items = [item('Fin du 81.', 50, 512), item('82.', 50, 500, { width: 12 }), item('Le texte.', 80, 500)]
    expect(lay(items).blocks.map((block) => [block.text, block.label])).toEqual([['Fin du 81.', undefined], ['Le texte.', '82.']])
  })
})

// Boundaries below are exact in floating point (800 × 0.91 = 728, 0.15 × 10 = 1.5, 1.45 × 10 = 14.5, 0.8 × 10 = 8).
describe('edges', () => {
  it('a line exactly on the margin band’s edge is text; a symbol exactly at 75 % of the cover is text', () => {
    expect(lay([item('Haut', 50, 728), item('Bas', 50, 72)]).blocks.map((block) => block.kind)).toEqual(['paragraph', 'paragraph'])
    expect(lay([item('CTOC/COP/WG.7/2015/3', 50, 600)], new Set(), 1).blocks[0]!.kind).toBe('paragraph')
  })

  it('a gap of exactly a thin space joins; a gap of exactly 1.45 lines keeps the block', () => {
    expect(texts([item('migr', 50, 500), item('ants', 71.5, 500)])).toEqual([['paragraph', 'migrants']])
    expect(texts([item('un', 50, 700), item('deux', 50, 685.5)])).toEqual([['paragraph', 'un\ndeux']])
  })

  it('the line spacing allowed is the larger of the two lines’ sizes', () => {
    expect(texts([item('grand', 50, 700, { size: 10.5 }), item('petit', 50, 685)])).toEqual([['paragraph', 'grand\npetit']])
  })

  it('items that are only spaces make no line, no header and no column break', () => {
    const items = [item(' ', 50, 780), item('Texte', 50, 500), item('  ', 300, 40)]
    expect(lay(items).blocks).toEqual([{ kind: 'paragraph', page: 2, text: 'Texte', lineNoteRefs: [[]] }])
    const pages = [1, 2, 3].map((n) => page([item('En-tête', 50, 760), item(' ', 300, 760, { width: 40 }), item('   ', 50, 20)], n))
    expect([...repeatedMarginTexts(pages)]).toEqual(['En-tête'])
  })

  it('runs of spaces inside an item become one; a dash inside a line stays apart', () => {
    expect(texts([item('Les   États', 50, 500), item('entre - deux', 50, 488)])).toEqual([['paragraph', 'Les États\nentre - deux']])
  })

  it('a word set larger on the same baseline is a line of its own', () => {
    expect(texts([item('Grand', 50, 500, { size: 14 }), item('petit', 120, 500)])).toEqual([['heading', 'Grand'], ['paragraph', 'petit']])
  })

  it('a wrapped bold heading is one block', () => {
    expect(texts([item('Un titre', 50, 700, { bold: true }), item('sur deux lignes', 50, 688, { bold: true })])).toEqual([['heading', 'Un titre\nsur deux lignes']])
  })

  it('a line with one bold word is not a heading', () => {
    expect(texts([item('Le', 50, 500, { bold: true }), item('texte.', 70, 500)])).toEqual([['paragraph', 'Le texte.']])
  })
})

describe('superscript edges', () => {
  const line = (sup: Partial<TextItem> & { text?: string }) => [item('Les migrants', 50, 500), item(sup.text ?? '2', sup.x ?? 110, sup.y ?? 504, { size: 6, width: 3, ...sup })]

  it('a word after a call keeps its space (the word before reaches only over the call)', () => {
    const items = [item('migrants', 50, 500), item('2', 90, 504, { size: 6, width: 3 }), item('et', 98, 500)]
    expect(lay(items).blocks.map((block) => [block.text, block.lineNoteRefs])).toEqual([['migrants et', [['2']]]])
  })

  it('a call on a wrapped line is listed for that line', () => {
    const items = [item('Les migrants', 50, 500), item('partis', 50, 488), item('7', 80, 492, { size: 6, width: 3 })]
    expect(lay(items).blocks.map((block) => block.lineNoteRefs)).toEqual([[[], ['7']]])
  })

  it('a call of two digits is a call; letters or a digit inside letters stay in the word', () => {
    expect(lay(line({ text: '12', width: 6 })).blocks.map((block) => [block.text, block.lineNoteRefs])).toEqual([['Les migrants', [['12']]]])
    expect(lay(line({ text: 'a2' })).blocks.map((block) => [block.text, block.lineNoteRefs])).toEqual([['Les migrantsa2', [[]]]])
    expect(lay(line({ text: '2a' })).blocks.map((block) => [block.text, block.lineNoteRefs])).toEqual([['Les migrants2a', [[]]]])
  })

  it('raised exactly 0.8 lines, or at 0.8 of the size, or on the baseline, it is not a superscript', () => {
    expect(lay(line({ y: 508 })).blocks.map((block) => block.text)).toEqual(['2\nLes migrants'])
    expect(lay(line({ size: 8, y: 503 })).blocks.map((block) => block.text)).toEqual(['2\nLes migrants'])
    expect(lay(line({ y: 500 })).blocks.map((block) => block.lineNoteRefs)).not.toEqual([[['2']]])
  })

  it('up to one size beyond either end of the line it is still a call', () => {
    expect(lay(line({ x: 120 })).blocks.map((block) => block.lineNoteRefs)).toEqual([[['2']]])
    expect(lay([item('Les migrants', 50, 500), item('migrants', 50, 488), item('3', 40, 504, { size: 6, width: 3 })]).blocks.map((block) => block.text)).toEqual(['Les migrants\nmigrants'])
  })

  it('a raised marker within half a size of the line’s start opens a footnote; further right it is a call', () => {
    const foot = (x: number) => lay([item('Le corps.', 50, 500), item('5', x, 124, { size: 5, width: 3 }), item('Note cinq.', 56, 120, { size: 8 })]).blocks.slice(1)
    expect(foot(60)).toEqual([{ kind: 'footnote', page: 2, text: 'Note cinq.', marker: '5' }])
    expect(foot(61).map((block) => block.kind)).toEqual(['paragraph'])
  })
})

describe('footnote edges', () => {
  const body = item('Le corps du texte.', 50, 500)

  it('a footnote whose marker is raised and whose text opens with a number keeps both', () => {
    const items = [body, item('5', 50, 124, { size: 5, width: 3 }), item('12 États ont répondu.', 56, 120, { size: 8 })]
    expect(lay(items).blocks.slice(1)).toEqual([{ kind: 'footnote', page: 2, text: '12 États ont répondu.', marker: '5' }])
  })

  it('a marker of two digits opens a note; a number inside a note’s line does not', () => {
    const items = [body, item('12 Voir le rapport', 50, 150, { size: 8 }), item('suite 4 de la note.', 50, 140, { size: 8 })]
    expect(lay(items).blocks.slice(1)).toEqual([{ kind: 'footnote', page: 2, text: 'Voir le rapport\nsuite 4 de la note.', marker: '12' }])
  })

  it('a small line with a number inside it, at the foot, is not a footnote', () => {
    expect(lay([body, item('Voir 3 rapports', 50, 150, { size: 8 })]).blocks.map((block) => block.kind)).toEqual(['paragraph', 'paragraph'])
  })
})

describe('column edges', () => {
  const rows = (ys: number[], right = true) => ys.flatMap((y, i) => [item(`gauche ${i}`, 50, y, { width: 200 }), ...(right ? [item(`droite ${i}`, 320, y, { width: 200 })] : [])])

  it('spaces across the gutter do not join the columns; a call goes with its column', () => {
    const items = [...rows([700, 688, 676]), ...[700, 688, 676].map((y) => item(' ', 250, y, { width: 70 })), item('9', 520, 692, { size: 6, width: 3 })]
    expect(lay(items).blocks.map((block) => [block.text, block.lineNoteRefs])).toEqual([
      ['gauche 0\ngauche 1\ngauche 2', [[], [], []]],
      ['droite 0\ndroite 1\ndroite 2', [[], ['9'], []]],
    ])
  })

  it('a longer left column, and a left-only line just above, are read with the columns', () => {
    const items = [item('Chapeau', 50, 712, { width: 100 }), ...rows([700, 688, 676]), item('gauche 3', 50, 664, { width: 200 })]
    expect(texts(items)).toEqual([
      ['paragraph', 'Chapeau\ngauche 0\ngauche 1\ngauche 2\ngauche 3'],
      ['paragraph', 'droite 0\ndroite 1\ndroite 2'],
    ])
  })

  it('a line with one item across the gutter is not split, even if another of its items is not', () => {
    const items = [...rows([700, 688, 676]), item('Une fin', 50, 650, { width: 100 }), item('sur toute la largeur', 200, 650, { width: 300 })]
    expect(texts(items).at(-1)).toEqual(['paragraph', 'Une fin sur toute la largeur'])
  })

  it('text reaching within 6 pt of the gutter on both sides still makes columns', () => {
    // Left items end at 294 and right ones start at 306: only x = 300 has 6 pt free on both sides.
    const items = [700, 688, 676].flatMap((y, i) => [item(`gauche ${i}`, 94, y, { width: 200 }), item(`droite ${i}`, 306, y, { width: 200 })])
    expect(texts(items).map(([, text]) => text)).toEqual(['gauche 0\ngauche 1\ngauche 2', 'droite 0\ndroite 1\ndroite 2'])
  })
})

describe('numbers set apart, edges', () => {
  it('a label item with trailing spaces, set exactly half a size apart, is the label', () => {
    const blocks = lay([item('82. ', 50, 500, { width: 12 }), item('Le texte.', 67, 500)]).blocks
    expect(blocks.map((block) => [block.text, block.label])).toEqual([['Le texte.', '82.']])
  })

  it('`1.5` or `A82.` set apart is not a label', () => {
    for (const first of ['1.5', 'A82.', '82.a']) {
      expect(lay([item(first, 50, 500, { width: 12 }), item('Le texte.', 80, 500)]).blocks.map((block) => block.label)).toEqual([undefined])
    }
  })
})

describe('printed page edges', () => {
  it('a footer with words after the number, or spaces around it, is read right', () => {
    const furniture = (text: string) => [{ kind: 'furniture' as const, text }]
    expect(printedPageOf(furniture('9 novembre'))).toBeNull()
    expect(printedPageOf(furniture(' 9\n'))).toBe(9)
    expect(printedPageOf(furniture('V.15-06043 9 10'))).toBeNull()
  })
})
