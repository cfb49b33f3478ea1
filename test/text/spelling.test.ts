// The corpus's own spelling: which scanned words are repaired, to what, and which are left alone, on hand-written
// word counts (each repair below is the misreading its comment names).

import { describe, expect, it } from 'vitest'
import { countWords, forEachWord, learnRepairs, MIN_COUNT, repairsFromCounts, WORD } from '../../src/text/spelling.js'

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries))
const repairs = (entries: Record<string, number>, minCount?: number) => Object.fromEntries(repairsFromCounts(counts(entries), minCount))
const words = (text: string) => {
  const found: string[] = []
  forEachWord(text, (word) => found.push(word))
  return found
}

describe('forEachWord', () => {
  it('gives the runs of letters, case and accents kept, as WORD finds them', () => {
    expect(words('Les États-parties, l’enquête 2012 (œuvre)')).toEqual(['Les', 'États', 'parties', 'l', 'enquête', 'œuvre'])
    expect(words('fin')).toEqual(['fin'])
    expect(words('')).toEqual([])
    expect(words(' 12, ')).toEqual([])
    expect('Les États-parties, l’enquête'.match(WORD)).toEqual(['Les', 'États', 'parties', 'l', 'enquête'])
  })

  it('reads a letter outside the BMP as a letter and a symbol outside it as a break', () => {
    expect(words('a𝒜b c😀d')).toEqual(['a𝒜b', 'c', 'd'])
    expect(words('𝒜')).toEqual(['𝒜'])
    expect(words('😀ab😀')).toEqual(['ab'])
  })

  it('a lone surrogate is no letter, at the end of the text too', () => {
    expect(words('ab\ud835cd')).toEqual(['ab', 'cd'])
    expect(words('ab\ud835')).toEqual(['ab'])
  })
})

describe('countWords', () => {
  it('adds, then takes away, dropping words counted 0 times', () => {
    const tally = countWords(['les enquêtes les'])
    expect([...tally]).toEqual([['les', 2], ['enquêtes', 1]])
    countWords(['les enquêtes'], tally, -1)
    expect([...tally]).toEqual([['les', 1]])
    // A word taken away that was never counted is not kept at a negative count.
    countWords(['parquet'], tally, -1)
    expect([...tally]).toEqual([['les', 1]])
  })
})

describe('repairsFromCounts', () => {
  it('repairs each accent OCR misreads to the form the corpus uses', () => {
    expect(repairs({ enquétes: 1, enquêtes: 5 })).toEqual({ enquétes: 'enquêtes' }) // é for ê
    expect(repairs({ problémes: 1, problèmes: 5 })).toEqual({ problémes: 'problèmes' }) // é for è
    expect(repairs({ fenetre: 1, fenêtre: 5 })).toEqual({ fenetre: 'fenêtre' }) // accent dropped
    expect(repairs({ Etats: 1, États: 5 })).toEqual({ Etats: 'États' })
    expect(repairs({ deja: 1, déjà: 5 })).toEqual({ deja: 'déjà' })
    expect(repairs({ Agé: 1, Âgé: 5 })).toEqual({ Agé: 'Âgé' })
    expect(repairs({ maitre: 1, maître: 5 })).toEqual({ maitre: 'maître' })
    expect(repairs({ controle: 1, contrôle: 5 })).toEqual({ controle: 'contrôle' })
    expect(repairs({ sur: 1, sûr: 5 })).toEqual({ sur: 'sûr' })
    expect(repairs({ facon: 1, façon: 5 })).toEqual({ facon: 'façon' })
  })

  it('never a letter OCR does not misread so, nor an accent added where the corpus has none', () => {
    expect(repairs({ enquétes: 1, enquetes: 5 })).toEqual({})
    expect(repairs({ façon: 1, facon: 5 })).toEqual({})
    // An accent OCR does not drop so (ö for o).
    expect(repairs({ controle: 1, contröle: 5 })).toEqual({})
  })

  it('an e for a final é, or é before a final s, is French either way', () => {
    expect(repairs({ presente: 1, presenté: 5 })).toEqual({})
    expect(repairs({ risques: 1, risqués: 5 })).toEqual({})
    // Elsewhere in the word it is a misreading.
    expect(repairs({ etude: 1, étude: 5 })).toEqual({ etude: 'étude' })
    expect(repairs({ etudes: 1, étudés: 5 })).toEqual({})
    expect(repairs({ cree: 1, créé: 5 })).toEqual({})
  })

  it('words of one or two letters are never repaired', () => {
    expect(repairs({ la: 1, là: 5, ou: 1, où: 5 })).toEqual({})
    expect(repairs({ ame: 1, âme: 5 })).toEqual({ ame: 'âme' })
  })

  it('the repaired form must be seen at least minCount times', () => {
    expect(MIN_COUNT).toBe(2)
    expect(repairs({ enquétes: 1, enquêtes: 2 })).toEqual({ enquétes: 'enquêtes' })
    expect(repairs({ enquétes: 1, enquêtes: 1 })).toEqual({})
    expect(repairs({ enquétes: 1, enquêtes: 2 }, 3)).toEqual({})
    expect(repairs({ enquétes: 1, enquêtes: 1 }, 1)).toEqual({ enquétes: 'enquêtes' })
  })

  it('the most frequent candidate wins, the first in code order on a tie', () => {
    // problemes can be a misreading of problémes, problèmes and problêmes.
    expect(repairs({ problemes: 1, problémes: 3, problèmes: 9, problêmes: 2 }).problemes).toBe('problèmes')
    expect(repairs({ problemes: 1, problèmes: 4, problêmes: 4 }).problemes).toBe('problèmes')
    expect(repairs({ problemes: 1, problêmes: 4, problèmes: 4 }).problemes).toBe('problèmes')
  })

  it('follows a repair to a form that is itself no misreading, a few steps at most', () => {
    // régulieres → réguliéres (the more frequent form it can be a misreading of) → régulières (é read for è).
    expect(repairs({ régulieres: 1, réguliéres: 9, régulières: 3 })).toEqual({ régulieres: 'régulières', réguliéres: 'régulières' })
    // At most four steps: each form's most frequent candidate turns one more e into é; the fifth step is not taken.
    const chain = { eeeeeX: 1, éeeeeX: 6, ééeeeX: 5, éééeeX: 4, ééééeX: 3, éééééX: 2 }
    expect(repairs(chain).eeeeeX).toBe('ééééeX')
    expect(repairs(chain).éeeeeX).toBe('éééééX')
  })

  it('learnRepairs learns from texts what repairsFromCounts learns from their counts', () => {
    const texts = ['Les enquêtes et les enquêtes.', 'Des enquétes.']
    expect(learnRepairs(texts)).toEqual(new Map([['enquétes', 'enquêtes']]))
    expect(learnRepairs(texts, 3)).toEqual(new Map())
  })
})
