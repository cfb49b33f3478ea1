import { describe, expect, it } from 'vitest'
import { analyze, phraseForm, stem, tokenize } from '../../src/text/analyzer.js'
import { fold, repairOcr } from '../../src/text/fold.js'

describe('fold', () => {
  it('folds case, accents, ligatures and apostrophes', () => {
    expect(fold('États mise en Œuvre l’Article')).toBe("etats mise en oeuvre l'article")
  })
})

describe('repairOcr', () => {
  it('repairs the OCR damage of the seeds without changing the length', () => {
    const damaged = "[I'issue de I’article et 1’application; mise en ceuvre; devraient &tre encouragés"
    const repaired = repairOcr(damaged)
    expect(repaired).toBe("[l'issue de l’article et l’application; mise en oeuvre; devraient être encouragés")
    expect(repaired.length).toBe(damaged.length)
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
  it('reads OCR-damaged elision as the clean word', () => {
    expect(tokenize('I’article').map((t) => t.term)).toEqual(['article'])
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
})

describe('phraseForm', () => {
  it('keeps stop words and word order, folded', () => {
    expect(phraseForm('Geler et confisquer le produit d’infractions')).toBe('geler et confisquer le produit infractions')
  })
})
