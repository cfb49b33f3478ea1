import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyze, foldTerm, indexWord, phraseForm, scanTerms, stem, tokenize } from '../../src/text/analyzer.js'
import { fold, repairOcr } from '../../src/text/fold.js'

describe('fold', () => {
  it('folds case, accents, ligatures and apostrophes', () => {
    expect(fold('États mise en Œuvre l’Article')).toBe("etats mise en oeuvre l'article")
  })
  it('makes every apostrophe the scans and PDFs use a plain one, and æ two letters', () => {
    expect(fold('a’b a‘b aʼb a`b a´b a\'b')).toBe("a'b a'b a'b a'b a'b a'b")
    expect(fold('Curriculum vitæ, ÆSOPE')).toBe('curriculum vitae, aesope')
  })
})

describe('repairOcr', () => {
  it('repairs the OCR damage of the seeds without changing the length', () => {
    const damaged = "[I'issue de I’article et 1’application; mise en ceuvre; devraient &tre encouragés"
    const repaired = repairOcr(damaged)
    expect(repaired).toBe("[l'issue de l’article et l’application; mise en oeuvre; devraient être encouragés")
    expect(repaired.length).toBe(damaged.length)
  })
  it('keeps the length through the repairs of strokes read as l', () => {
    const damaged = 'de 1I’Afrique, |’article, f|ux, 1égitimes'
    expect(repairOcr(damaged)).toBe('de  l’Afrique, l’article, flux, légitimes')
    expect(repairOcr(damaged).length).toBe(damaged.length)
  })
  it('repairs each damage on its own, whatever apostrophe follows the I or the 1', () => {
    // Each repair alone: a text holding one kind of damage only must still be looked at and repaired.
    expect(repairOcr('I’article')).toBe('l’article')
    expect(repairOcr('1‘application')).toBe('l‘application')
    expect(repairOcr("(I'issue")).toBe("(l'issue")
    expect(repairOcr('&tre')).toBe('être')
    expect(repairOcr('vous &tes')).toBe('vous êtes')
    expect(repairOcr('manceuvre')).toBe('manoeuvre')
    expect(repairOcr('Ceuvre')).toBe('Oeuvre')
  })
  it('repairs only at a word start: a letter or digit before the I, 1 or & is no damage', () => {
    expect(repairOcr('x1’a AI’b')).toBe('x1’a AI’b')
    expect(repairOcr('a&tre &tresse')).toBe('a&tre &tresse')
    expect(repairOcr('I’ 1’2')).toBe('I’ 1’2')
  })
  it('leaves a real capital I and numbers alone', () => {
    expect(repairOcr('Partie I, article 1 et 12’')).toBe('Partie I, article 1 et 12’')
  })
})

describe('tokenize', () => {
  it('removes elision with either apostrophe and keeps the source span', () => {
    const text = "l’article d'un Etat qu’il"
    const tokens = tokenize(text)
    expect(tokens.map((t) => t.term)).toEqual(['article', 'un', 'etat', 'il'])
    expect(text.slice(tokens[0]!.start, tokens[0]!.end)).toBe('l’article')
  })
  it('reads an elision with a stray space before the apostrophe (PDF extraction)', () => {
    expect(tokenize('équipes communes d ’enquête').map((t) => t.term)).toEqual(['equipes', 'communes', 'enquete'])
  })
  it('keeps numbers and symbols whole', () => {
    expect(tokenize('résolution 5/3, article 18 (2021) CTOC/COP/WG.7/2015/5.').map((t) => t.term)).toEqual([
      'resolution', '5/3', 'article', '18', '2021', 'ctoc/cop/wg.7/2015/5',
    ])
  })
  it('removes every elided form French writes, each word keeping its whole written span', () => {
    const text = 'jusqu’à lorsqu’il puisqu’elle quoiqu’on presqu’île s’agit c’est m’a n’est j’ai t’a qu’un'
    const tokens = tokenize(text)
    expect(tokens.map((t) => t.term)).toEqual(['a', 'il', 'elle', 'on', 'ile', 'agit', 'est', 'a', 'est', 'ai', 'a', 'un'])
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(text.split(' '))
  })
  it('splits at hyphens and keeps the offsets of each part', () => {
    const text = 'peut-être Etats-Unis'
    expect(tokenize(text).map((t) => [t.term, t.start, t.end])).toEqual([
      ['peut', 0, 4], ['etre', 5, 9], ['etats', 10, 15], ['unis', 16, 20],
    ])
  })
  it('reads OCR-damaged elision as the clean word', () => {
    expect(tokenize('I’article').map((t) => t.term)).toEqual(['article'])
    expect(tokenize('de 1I’Afrique, |’article, 1’ Ouest').map((t) => t.term)).toEqual(['de', 'afrique', 'article', 'ouest'])
  })
  // Each damaged spelling below is copied from the scanned seeds (000: 2012, 002: 2022).
  it('reads ¢ inside a word as the é or ç it stands for, or drops it beside a real é', () => {
    const words = ['¢laboré', '¢élaboré', 'publi¢', 'intéress¢', 'renfor¢ant', 'criminalit¢é', 'organisé¢', 'huiti¢éme', 'I’¢laboration', '1’¢galité']
    expect(words.map((w) => tokenize(w).map((t) => t.term).join(' '))).toEqual([
      'elabore', 'elabore', 'publie', 'interesse', 'renforcant', 'criminalite', 'organise', 'huitieme', 'elaboration', 'egalite',
    ])
  })
  it('reads a 1 before an accented letter as l, but not in 1ère', () => {
    expect(tokenize('intéréts 1égitimes, la 1égislation, la 1ère session').map((t) => t.term)).toEqual(['interets', 'legitimes', 'la', 'legislation', 'la', '1ere', 'session'])
  })
  it('reads 1% and 1°" before a month as 1er, and a lone & as à', () => {
    expect(phraseForm('du 30 mai au 1% juin, le 1°" juillet, 1% des cas')).toBe('du 30 mai au 1er juin le 1er juillet 1 des cas')
    expect(phraseForm('visant & incriminer; appuyer& l’application; R&D')).toBe('visant a incriminer appuyer a application r d')
  })
  it('keeps the span of a damaged word on what is written', () => {
    const text = 'en renfor¢ant les'
    const [, word] = tokenize(text)
    expect(text.slice(word!.start, word!.end)).toBe('renfor¢ant')
  })
})

describe('analyze', () => {
  it('drops stop words and stems, so inflections meet', () => {
    // Snowball French: plural and feminine endings go, `migrant` and `migrants` both become `migr`.
    expect(analyze('les enfants migrants non accompagnés')).toEqual(['enfant', 'migr', 'non', 'accompagn'])
    expect(analyze('enfant migrant non accompagné')).toEqual(['enfant', 'migr', 'non', 'accompagn'])
    expect(analyze('le et de la')).toEqual([])
  })
  it('makes damaged and clean spellings meet', () => {
    // `ceuvre` and `Ceuvre` are the scans' œ; `Etats` lost its accent.
    expect(analyze('mise en ceuvre par les Etats')).toEqual(['mis', 'oeuvr', 'etat'])
    expect(analyze('Mise en Ceuvre')).toEqual(['mis', 'oeuvr'])
    expect(analyze('mise en œuvre par les États')).toEqual(['mis', 'oeuvr', 'etat'])
  })
  it('stems with Snowball French', () => {
    expect(stem('protection')).toBe('protect')
    expect(stem('confisquer')).toBe('confisqu')
    expect(stem('confisqués')).toBe('confisqu')
  })
  it('stems words of three letters and more, never shorter ones or those holding a digit', () => {
    // Snowball alone would make `ans` → `an`, `es` → `e`, `1ers` → `1er`, `covid19s` → `covid19`.
    expect(stem('ans')).toBe('an')
    expect(stem('es')).toBe('es')
    expect(stem('1ers')).toBe('1ers')
    expect(stem('covid19s')).toBe('covid19s')
  })
  it('gives a stem folded like the index terms', () => {
    // Snowball keeps the accent of what it is given (`états` → `état`); the index holds folded stems.
    expect(stem('états')).toBe('etat')
  })
})

describe('phraseForm', () => {
  it('keeps stop words and word order, folded', () => {
    expect(phraseForm('Geler et confisquer le produit d’infractions')).toBe('geler et confisquer le produit infractions')
  })
})

describe('scanTerms', () => {
  const termsOf = (text: string) => {
    const terms: string[] = []
    scanTerms(text, (written) => terms.push(foldTerm(written)))
    return terms
  }

  it('finds the written words whose folded forms are exactly tokenize’s terms (the build reads words this way)', () => {
    const tricky = "L’Article 5/3, au 1% juin, visant & incriminer, l’ Afrique, 1I’Afrique, ¢laboré, renfor¢ant, qu’il, ŒUVRE d ’enquête"
    expect(termsOf(tricky)).toEqual(tokenize(tricky).map((t) => t.term))
    const seeds = readdirSync('seeds').filter((f) => f.endsWith('.txt')).map((f) => readFileSync(`seeds/${f}`, 'utf8'))
    for (const text of seeds) expect(termsOf(text)).toEqual(tokenize(text).map((t) => t.term))
  })

  it('agrees with tokenize on any text made of French words, OCR damage and punctuation', () => {
    const piece = fc.constantFrom('l’', "d'", 'qu’', 'L’', '1I’', 'I’', '1%', '1°', ' juin', '&', ' & ', '¢', 'é', 'Œ', 'a', 'b', '5', '/', '.', '-', ' ', '\n', 'ç', '|', 'ceuvre', 'Article')
    fc.assert(fc.property(fc.array(piece, { maxLength: 20 }).map((p) => p.join('')), (text) => {
      expect(termsOf(text)).toEqual(tokenize(text).map((t) => t.term))
    }), { numRuns: 2_000 })
  })
})

describe('indexWord', () => {
  it('gives a written word’s term and stem, null for a stop word, the same after its term was asked alone', () => {
    expect(foldTerm('Aux')).toBe('aux')
    expect(['Aux', 'Migrants', 'États', '¢tats', 'ans', '2021', 'Les', 'Migrants'].map(indexWord)).toEqual([
      { term: 'aux', stem: null },
      { term: 'migrants', stem: 'migr' },
      { term: 'etats', stem: 'etat' },
      { term: 'etats', stem: 'etat' },
      { term: 'ans', stem: 'an' },
      { term: '2021', stem: '2021' },
      { term: 'les', stem: null },
      { term: 'migrants', stem: 'migr' },
    ])
  })
})
