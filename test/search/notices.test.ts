// What the engine tells a reader about a query: each notice on hand-written parsed queries (the parser and the limits
// are tested on their own), with a fake translator that says what it was asked.

import { describe, expect, it } from 'vitest'
import { queryNotices, type NoticeTranslator } from '../../src/search/notices.js'
import type { ParsedQuery } from '../../src/search/query.js'

const parsed = (fields: Partial<ParsedQuery>): ParsedQuery => ({
  raw: '',
  text: '',
  terms: [],
  phrases: [],
  phraseTerms: [],
  excludedPhrases: [],
  ...fields,
})
const some = parsed({ text: 'trafic', terms: ['trafic'] })

/** A fake translator: English when the text holds `smuggling`; asked texts are recorded. */
function fakeTranslator(translation = 'trafic illicite') {
  const asked: string[] = []
  const translator: NoticeTranslator = {
    isEnglish: (text) => (asked.push(`is ${text}`), text.includes('smuggling')),
    translate: (text) => (asked.push(`translate ${text}`), translation),
  }
  return { translator, asked }
}

describe('queryNotices: a quote left open', () => {
  it('gives the phrase that ran to the end of the query, trimmed, for each kind of opening quote', () => {
    expect(queryNotices('trafic "protection des ', some, some, null, false)).toEqual([{ code: 'UNCLOSED_QUOTE', phrase: 'protection des' }])
    expect(queryNotices('« migrants objets', some, some, null, false)).toEqual([{ code: 'UNCLOSED_QUOTE', phrase: 'migrants objets' }])
    expect(queryNotices('“témoins', some, some, null, false)).toEqual([{ code: 'UNCLOSED_QUOTE', phrase: 'témoins' }])
    expect(queryNotices('„témoins', some, some, null, false)).toEqual([{ code: 'UNCLOSED_QUOTE', phrase: 'témoins' }])
  })

  it('none when every quote closes, each with its own closing mark', () => {
    for (const raw of ['"a b" c', '« a » "b"', '“a” „b“', 'trafic', '', 'a " b " c " d "']) {
      expect(queryNotices(raw, some, some, null, false), raw).toEqual([])
    }
  })

  it('reads a quote closed by the wrong mark as open, and a closing mark alone as nothing', () => {
    // « closes only with »: the " inside is part of the phrase.
    expect(queryNotices('« a " b', some, some, null, false)).toEqual([{ code: 'UNCLOSED_QUOTE', phrase: 'a " b' }])
    expect(queryNotices('a » b ”', some, some, null, false)).toEqual([])
  })

  it('looks past closed phrases for a later one left open', () => {
    expect(queryNotices('"a" « b » "c d', some, some, null, false)).toEqual([{ code: 'UNCLOSED_QUOTE', phrase: 'c d' }])
    // The text inside a closed phrase is not read for quotes: « inside "…" opens nothing.
    expect(queryNotices('"a « b" c', some, some, null, false)).toEqual([])
  })

  it('none for an opening quote that ends the query: no phrase was searched', () => {
    expect(queryNotices('trafic "', some, some, null, false)).toEqual([])
    expect(queryNotices('trafic «  ', some, some, null, false)).toEqual([])
  })
})

describe('queryNotices: nothing to search for', () => {
  it('only exclusions', () => {
    const q = parsed({ excludedPhrases: ['traite'] })
    expect(queryNotices('-traite', q, q, null, false)).toEqual([{ code: 'EXCLUSION_ONLY' }])
  })

  it('only stop words', () => {
    const q = parsed({ text: 'de la' })
    expect(queryNotices('de la', q, q, null, false)).toEqual([{ code: 'STOP_WORDS_ONLY' }])
  })

  it('neither when a term or a phrase is searched', () => {
    const phraseOnly = parsed({ phrases: ['de la'], text: 'de la' })
    expect(queryNotices('"de la"', phraseOnly, phraseOnly, null, false)).toEqual([])
    const termAndExclusion = parsed({ terms: ['trafic'], excludedPhrases: ['traite'], text: 'trafic' })
    expect(queryNotices('trafic -traite', termAndExclusion, termAndExclusion, null, false)).toEqual([])
  })
})

describe('queryNotices: translation', () => {
  const english = parsed({ text: 'migrant smuggling', terms: ['migrant', 'smuggling'] })

  it('gives the French an English query was searched with', () => {
    const { translator, asked } = fakeTranslator()
    expect(queryNotices('migrant smuggling', english, english, translator, true)).toEqual([{ code: 'TRANSLATED', translation: 'trafic illicite' }])
    expect(asked).toEqual(['is migrant smuggling', 'translate migrant smuggling'])
  })

  it('asks about the query as the limits cut it', () => {
    const { translator, asked } = fakeTranslator()
    const cut = parsed({ text: 'smuggling', terms: ['smuggling'] })
    queryNotices('smuggling of migrants by sea', english, cut, translator, true)
    expect(asked).toEqual(['is smuggling', 'translate smuggling'])
  })

  it('nothing in keyword mode, without a translator, for a French or empty query, or an empty translation', () => {
    const { translator, asked } = fakeTranslator()
    expect(queryNotices('migrant smuggling', english, english, translator, false)).toEqual([])
    expect(queryNotices('migrant smuggling', english, english, null, true)).toEqual([])
    expect(asked).toEqual([])
    expect(queryNotices('trafic', some, some, translator, true)).toEqual([])
    const empty = parsed({})
    expect(queryNotices('', empty, empty, translator, true)).toEqual([{ code: 'STOP_WORDS_ONLY' }])
    expect(asked).toEqual(['is trafic'])
    expect(queryNotices('migrant smuggling', english, english, fakeTranslator('').translator, true)).toEqual([])
  })
})

describe('queryNotices: a query cut by the limits', () => {
  it('says what was cut, how much was kept of how much', () => {
    const given = parsed({
      text: 'a b c',
      terms: ['a', 'b', 'c', 'a'],
      phrases: ['x y', 'z w', 'v u'],
      phraseTerms: ['x', 'y', 'z', 'w', 'v', 'u'],
      excludedPhrases: ['p', 'q', 'p', 'r'],
    })
    const kept = parsed({ text: 'a b c', terms: ['a', 'b'], phrases: ['x y'], phraseTerms: ['x', 'y'], excludedPhrases: ['p', 'q'] })
    expect(queryNotices('…', given, kept, null, false)).toEqual([
      { code: 'LIMITED', what: 'phrases', kept: 1, given: 3 },
      // Distinct terms: a, b, c and the six phrase words.
      { code: 'LIMITED', what: 'terms', kept: 4, given: 9 },
      // Distinct exclusions: p, q, r.
      { code: 'LIMITED', what: 'exclusions', kept: 2, given: 3 },
    ])
  })

  it('repeats are not a cut, and nothing is said when all was kept', () => {
    const given = parsed({ text: 'a', terms: ['a', 'a', 'b'], phraseTerms: ['c', 'c'], phrases: ['c c'], excludedPhrases: ['p', 'p'] })
    const kept = parsed({ text: 'a', terms: ['a', 'b'], phraseTerms: ['c'], phrases: ['c c'], excludedPhrases: ['p'] })
    expect(queryNotices('…', given, kept, null, false)).toEqual([])
    expect(queryNotices('…', given, given, null, false)).toEqual([])
  })

  it('one kind cut alone, after the other notices', () => {
    const given = parsed({ text: 'a', terms: ['a'], excludedPhrases: ['p', 'q'] })
    const kept = parsed({ text: 'a', terms: ['a'], excludedPhrases: ['p'] })
    expect(queryNotices('a -p -q "b', given, kept, null, false)).toEqual([
      { code: 'UNCLOSED_QUOTE', phrase: 'b' },
      { code: 'LIMITED', what: 'exclusions', kept: 1, given: 2 },
    ])
  })
})
