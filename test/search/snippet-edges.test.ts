// The snippet a reader sees under each hit: which window of a long passage is shown (the one with the most matches,
// the earliest on ties, a fifth of its length of context before), where it is cut, what is marked (stems, every word
// of a phrase, words a typo away from the query's) and how the text is escaped. The passages are made of one-letter
// filler words so that every offset below can be counted by hand.

import { describe, expect, it } from 'vitest'
import { makeSnippet } from '../../src/search/snippet.js'
import { analyze } from '../../src/text/analyzer.js'

const stems = (query: string) => ({ stems: new Set(analyze(query)), phrases: [] })
const none = { stems: new Set<string>(), phrases: [] }

describe('the window of a long passage', () => {
  it('is the one with the most matches, starting a fifth of its length before the first, cut on spaces', () => {
    // `passeur` at 0; three at 68, 76, 84 (ends 75, 83, 91); filler `x ` from 8 to 67 and `y ` from 92; one more at 152.
    const text = `passeur ${'x '.repeat(30)}passeur passeur passeur ${'y '.repeat(30)}passeur`
    // The best window starts at 68 − 10 = 58, a letter: the snippet opens after the next space (60) and closes at the
    // last space before 58 + 50 = 108 (107). The first and last `passeur` are outside it.
    expect(makeSnippet(text, stems('passeur'), 50)).toBe(`… ${'x '.repeat(4)}<mark>passeur passeur passeur</mark>${' y'.repeat(8)} …`)
  })

  it('counts a match in a window only when it ends within four fifths of its length', () => {
    // Windows of 50: the matches at 0 and at 33 (ending at 40, four fifths) make a window of two, as do the two at
    // 101 and 109; of the two, the earlier. Were the one ending at 40 left out, the later window would win.
    const text = `passeur ${'x '.repeat(12)} passeur ${'y '.repeat(30)}passeur passeur ${'z '.repeat(30)}`
    expect(text.indexOf('passeur', 8) + 'passeur'.length).toBe(40)
    expect(makeSnippet(text, stems('passeur'), 50)).toBe(`<mark>passeur</mark> ${'x '.repeat(12)} <mark>passeur</mark>${' y'.repeat(5)} …`)
  })

  it('of two windows with as many matches, the earlier', () => {
    const text = `passeur ${'x '.repeat(30)}passeur ${'y '.repeat(30)}`
    expect(makeSnippet(text, stems('passeur'), 50)).toBe(`<mark>passeur</mark>${' x'.repeat(21)} …`)
  })

  it('a match ending past four fifths is not counted; a later window with more matches wins over an earlier one with fewer', () => {
    // A match ending at 50 is past four fifths of a window of 50 from 0: the later pair wins over the single at 0.
    const single = `passeur ${'x '.repeat(17)} passeur ${'y '.repeat(30)}passeur passeur ${'z '.repeat(30)}`
    expect(single.indexOf('passeur', 8) + 'passeur'.length).toBe(50)
    expect(makeSnippet(single, stems('passeur'), 50)).toMatch(/^… .*<mark>passeur passeur<\/mark>/)
    const text = `passeur ${'x '.repeat(30)}passeur passeur ${'y '.repeat(30)}passeur passeur passeur ${'z '.repeat(30)}`
    expect(makeSnippet(text, stems('passeur'), 50)).toContain('<mark>passeur passeur passeur</mark>')
  })

  it('a window that reaches the end of the passage keeps its last word and no closing ellipsis', () => {
    // `passeur` at 80–87, the end: the window starts at 80 − 10 = 70, a letter, so after the space at 71.
    expect(makeSnippet(`${'x '.repeat(40)}passeur`, stems('passeur'), 50)).toBe(`… ${'x '.repeat(4)}<mark>passeur</mark>`)
  })

  it('with no match, the start of the passage', () => {
    expect(makeSnippet(`${'x '.repeat(40)}`, none, 20)).toBe(`${'x '.repeat(9)}x …`)
  })

  it('a passage exactly as long as the snippet is shown whole, from its start', () => {
    const text = `${'x '.repeat(16)}passeur.`
    expect(text).toHaveLength(40)
    expect(makeSnippet(text, stems('passeur'), 40)).toBe(`${'x '.repeat(16)}<mark>passeur</mark>.`)
  })
})

describe('what is marked', () => {
  it('every word of a phrase, stop words included, at the end of the passage too; not a partial occurrence', () => {
    expect(makeSnippet('La protection de la victime de la', { stems: new Set(), phrases: ['de la'] })).toBe('La protection <mark>de la</mark> victime <mark>de la</mark>')
    expect(makeSnippet('La victime de', { stems: new Set(), phrases: ['de la'] })).toBe('La victime de')
    expect(makeSnippet('la protection de ce', { stems: new Set(), phrases: ['de la'] })).toBe('la protection de ce')
  })

  it('a word a typo away from a typo word: two edits for a word of eight letters or more, one below; none under five letters', () => {
    expect(makeSnippet('migrants victime', { stems: new Set(), phrases: [], typoWords: ['migrnats', 'victmie'] })).toBe('<mark>migrants</mark> victime')
    expect(makeSnippet('traf trafic', { stems: new Set(), phrases: [], typoWords: ['trafc'] })).toBe('traf <mark>trafic</mark>')
    expect(makeSnippet('trafi', { stems: new Set(), phrases: [], typoWords: ['trafc'] })).toBe('<mark>trafi</mark>')
  })

  it('with typo words, the query’s stems are still marked', () => {
    expect(makeSnippet('Les victimes et les migrants', { stems: new Set(analyze('victime')), phrases: [], typoWords: ['migrnats'] })).toBe('Les <mark>victimes</mark> et les <mark>migrants</mark>')
  })

  it('marks apart stay apart across a word that is not marked, and join across spaces only', () => {
    expect(makeSnippet('passeurs, passeurs et passeurs', stems('passeur'))).toBe('<mark>passeurs</mark>, <mark>passeurs</mark> et <mark>passeurs</mark>')
    expect(makeSnippet('passeurs\npasseurs', stems('passeur'))).toBe('<mark>passeurs\npasseurs</mark>')
    expect(makeSnippet('passeurs  passeurs', stems('passeur'))).toBe('<mark>passeurs  passeurs</mark>')
  })
})

describe('escaping', () => {
  it('each of & < > " and \' outside and inside a mark', () => {
    expect(makeSnippet(`"a" 'b' <c> & d`, none)).toBe('&quot;a&quot; &#39;b&#39; &lt;c&gt; &amp; d')
    expect(makeSnippet(`l'État`, stems('état'))).toBe('<mark>l&#39;État</mark>')
    expect(makeSnippet('Les <victimes>', stems('passeur'))).toBe('Les &lt;victimes&gt;')
  })
})
