// Joining printed lines: which line-end hyphens stay (French compounds written out here by hand), the document's
// own vocabulary deciding, and offsets. The lists below are French usage, not read from the code.

import { describe, expect, it } from 'vitest'
import { joinSegments, vocabularyOf } from '../../src/ingest/join.js'

const seg = (text: string, from = 0) => ({ text, offsets: Array.from({ length: text.length }, (_, i) => from + i) })
const join = (left: string, right: string, vocabulary?: Set<string>) => joinSegments([seg(left), seg(right, 100)], vocabulary).text

describe('line-end hyphens that are part of the word', () => {
  it.each([
    ['ci', 'dessous'], ['non', 'membres'], ['ex', 'président'], ['vice', 'présidente'], ['demi', 'journée'], ['semi', 'remorque'],
    ['mi', 'temps'], ['quasi', 'totalité'], ['sous', 'régionales'], ['après', 'midi'], ['avant', 'projet'], ['arrière', 'plan'],
    ['contre', 'mesures'], ['grand', 'mère'], ['grande', 'échelle'], ['nord', 'africains'], ['sud', 'américains'], ['est', 'européens'], ['ouest', 'africains'],
  ])('the prefix %s- keeps its hyphen (%s)', (prefix, word) => {
    expect(join(`les ${prefix}-`, `${word} de la région`)).toBe(`les ${prefix}-${word} de la région`)
  })

  it.each([
    ['ci', 'après'], ['celui', 'ci'], ['celle', 'là'], ['peut', 'être'], ['lui', 'même'], ['eux', 'mêmes'], ['là', 'dessus'], ['là', 'dessous'],
    ['au', 'delà'], ['mot', 'clé'], ['mots', 'clés'], ['accord', 'cadre'], ['loi', 'type'], ['projet', 'pilote'], ['faut', 'il'], ['a', 'elle'],
    ['peut', 'on'], ['ont', 'ils'], ['ont', 'elles'], ['pouvez', 'vous'], ['pouvons', 'nous'],
  ])('%s- keeps its hyphen before the second element %s', (first, second) => {
    expect(join(`et ${first}-`, `${second} ici`)).toBe(`et ${first}-${second} ici`)
  })

  it('any other word broken at a line end is rejoined', () => {
    expect(join('les recom-', 'mandations')).toBe('les recommandations')
  })
})

describe('the document’s own words decide', () => {
  it('a word the document writes whole is rejoined, a compound it writes hyphenated is kept, whatever the case', () => {
    expect(join('les mi-', 'grants', new Set(['migrants']))).toBe('les migrants')
    expect(join('les Mi-', 'grants', new Set(['migrants']))).toBe('les Migrants')
    expect(join('le bas-', 'côté', new Set(['bas-côté']))).toBe('le bas-côté')
    expect(join('le Bas-', 'côté', new Set(['bas-côté']))).toBe('le Bas-côté')
    // Written both ways: the lists decide (`mi` is a prefix).
    expect(join('les mi-', 'temps', new Set(['mitemps', 'mi-temps']))).toBe('les mi-temps')
  })

  it('the vocabulary: lower-case words and whole compounds, not a word broken at a line end', () => {
    expect([...vocabularyOf(['Les Pots-de-vin et les MIGRANTS', 'ci-après l’État'])].sort()).toEqual(['ci-après', 'et', 'les', 'l', 'migrants', 'pots-de-vin', 'état'].sort())
  })
})

describe('joining', () => {
  it('a number range or a symbol broken at a slash is glued; other breaks are one space', () => {
    expect(join('de 2019-', '2025 les')).toBe('de 2019-2025 les')
    expect(join('CTOC/COP/', 'WG.7/2015/5')).toBe('CTOC/COP/WG.7/2015/5')
    expect(join('une fin', 'et la suite')).toBe('une fin et la suite')
    expect(join('un tiret -', 'puis')).toBe('un tiret - puis')
  })

  it('empty lines are skipped; offsets are those of the first and last characters', () => {
    expect(joinSegments([seg('', 0), seg('début', 10), seg('', 20), seg('fin', 30)])).toEqual({ text: 'début fin', start: 10, end: 33 })
    expect(joinSegments([seg(''), seg('')])).toEqual({ text: '', start: 0, end: 0 })
  })

  it('rejoins a hyphen after a long passage, and twice in a row', () => {
    const long = 'mot '.repeat(100)
    expect(join(`${long}recom-`, 'mandations')).toBe(`${long}recommandations`)
    expect(joinSegments([seg('les recom-'), seg('manda-'), seg('tions')]).text).toBe('les recommandations')
  })
})

describe('joining, edge cases a reader would see', () => {
  it('a word broken over three lines whose middle line ends a prefix keeps that prefix’s hyphen (`con-\\ntre-\\nindications`)', () => {
    // After the first hyphen is dropped, the second join must read `contre`, not `tre`: `contre-` keeps its hyphen.
    expect(joinSegments([seg('des con-'), seg('tre-'), seg('indications')]).text).toBe('des contre-indications')
  })

  it('a number range is glued only when the line ends with it and the next line opens with a digit', () => {
    // A range earlier on the line (`2019-2020`) does not glue the next line on.
    expect(join('les années 2019-2020 et', '2021 ont')).toBe('les années 2019-2020 et 2021 ont')
    // A line ending `2019-` before a word keeps its space; only a digit right at the start glues.
    expect(join('depuis 2019-', 'à ce jour 2021')).toBe('depuis 2019- à ce jour 2021')
  })

  it('a letter and hyphen before a line that opens with a digit keeps the hyphen and glues (`COVID-\\n19`)', () => {
    expect(join('la pandémie de COVID-', '19 a freiné')).toBe('la pandémie de COVID-19 a freiné')
  })

  it('spaces at the start of the first line and the end of the last are not kept', () => {
    expect(joinSegments([seg('  début du texte '), seg(' fin  ', 50)]).text).toBe('début du texte fin')
  })
})
