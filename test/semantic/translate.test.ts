import { describe, expect, it } from 'vitest'
import { dictionaryStatus, loadDictionary } from '../../src/semantic/dictionary.js'
import { translateQuery } from '../../src/semantic/translate.js'
import { englishTranslator } from '../../src/semantic/translator.js'
import { analyze } from '../../src/text/analyzer.js'
import { emptyDataDir, glossaryOnlyDataDir } from './helpers.js'

/** The stems of a few French sentences in the seeds' wording, standing in for the keyword index. */
const corpusStems = new Set(
  analyze(`Les programmes de protection des témoins; les mineurs non accompagnés et les enfants migrants; le blanchiment
    d'argent; localiser, geler et confisquer le produit du crime; le trafic illicite de migrants par mer; les réseaux de
    passeurs; l'échange d'informations entre les pays; les procédures pénales.`),
)
const inCorpus = (stem: string): boolean => corpusStems.has(stem)

describe('translateQuery', () => {
  it('translates the domain expressions with the glossary, as one term each', () => {
    expect(translateQuery('witness protection').terms).toEqual([{ english: 'witness protection', french: ['protection des témoins'] }])
    expect(translateQuery('money laundering').french).toContain("blanchiment d'argent")
    expect(translateQuery('smuggling of migrants').french).toBe('trafic illicite de migrants')
  })

  it('translates `unaccompanied children` to the words the French reports use', () => {
    const { french } = translateQuery('unaccompanied children', { inCorpus })
    expect(french).toContain('non accompagnés')
    expect(french).toMatch(/mineurs|enfants/)
  })

  it('splits `confiscation of proceeds of crime` into its two expressions and drops `of`', () => {
    const { terms, french } = translateQuery('confiscation of proceeds of crime')
    expect(terms.map((t) => t.english)).toEqual(['confiscation', 'proceeds of crime'])
    expect(french).toContain('confiscation')
    expect(french).toContain('produit du crime')
  })

  it('prefers the translations the corpus has, and drops the others when one is found', () => {
    // FreeDict lists `filet` (a net) before `réseau`; only `réseau` is in the corpus.
    expect(translateQuery('network').terms[0]!.french[0]).toBe('filet')
    expect(translateQuery('network', { inCorpus }).terms[0]!.french).toEqual(['réseau'])
  })

  it('offers the English word itself when FreeDict misses the French cognate found in the corpus', () => {
    // FreeDict has `procedure` → `procédé`, `recette`; the reports say `procédures`.
    expect(translateQuery('procedure', { inCorpus }).terms[0]!.french).toEqual(['procedure'])
    expect(translateQuery('procedure').terms[0]!.french).toEqual(['procédé', 'recette'])
  })

  it('finds dictionary entries through plurals, -ing, -ed and irregular forms', () => {
    expect(translateQuery('boats').terms[0]!.french).toContain('bateau')
    expect(translateQuery('women').terms[0]!.french).toEqual(['femmes'])
    expect(translateQuery('smuggled migrants').french).toContain("migrants objet d'un trafic illicite")
    expect(translateQuery('fighting').terms[0]!.french).toContain('lutte')
  })

  it('keeps words neither dictionary knows, as written, and keeps at most maxPerTerm translations', () => {
    const { terms, french } = translateQuery('Frontex and the smugglers', { maxPerTerm: 1 })
    expect(terms).toEqual([
      { english: 'frontex', french: [] },
      { english: 'smugglers', french: ['passeurs'] },
    ])
    expect(french).toBe('frontex passeurs')
  })

  it('gives an empty query for function words only', () => {
    expect(translateQuery('of the and')).toEqual({ french: '', terms: [] })
  })
})

describe('without the FreeDict file', () => {
  it('translates with the glossary alone and says so', () => {
    const dictionary = loadDictionary(glossaryOnlyDataDir())
    expect(dictionary.status.available).toBe(false)
    expect(dictionary.status.entries).toBe(0)
    expect(dictionary.status.note).toMatch(/freedict-eng-fra\.tsv could not be read.*glossary.*alone/)
    expect(translateQuery('witness protection', { dictionary }).french).toBe('protection des témoins')
    expect(translateQuery('unaccompanied children', { dictionary }).french).toContain('non accompagnés')
    // `boat` is only in FreeDict: it passes through untranslated.
    expect(translateQuery('boat', { dictionary }).terms).toEqual([{ english: 'boat', french: [] }])
  })

  it('never throws when no data file exists at all', () => {
    const dictionary = loadDictionary(emptyDataDir())
    expect(dictionary.status.note).toMatch(/run untranslated/)
    expect(translateQuery('witness protection', { dictionary }).french).toBe('witness protection')
  })

  it('reports the shipped files as loaded', () => {
    const status = dictionaryStatus()
    expect(status.available).toBe(true)
    expect(status.entries).toBeGreaterThan(8000)
    expect(status.glossaryEntries).toBeGreaterThan(200)
  })
})

describe('englishTranslator', () => {
  // A keyword index that knows only the corpus stems above.
  const keyword = { inText: inCorpus }
  // Made inside each test, so that mutation testing sees which tests reach the dictionary loading.
  const translator = () => englishTranslator(keyword)

  it('detects English and translates it against the index', () => {
    expect(translator().isEnglish('smuggling networks')).toBe(true)
    expect(translator().translate('smuggling networks')).toBe('réseaux de trafic illicite réseaux de passeurs')
  })

  it('returns an empty query when nothing could be translated', () => {
    expect(translator().translate('Frontex')).toBe('')
  })
  // A dictionary of one entry, whose first translation the corpus lacks and whose second it holds.
  const oneEntry = () => ({
    ...loadDictionary(),
    glossary: new Map([['smuggler', ['trafiquant', 'passeur']]]),
    freedict: new Map<string, string[]>(),
    longestEntry: 1,
  })
  /** A keyword index written by the test: it holds the stems `holds` accepts, and counts what it is asked. */
  const countingIndex = (holds: (stem: string) => boolean) => {
    const asked: string[] = []
    return { asked, inText: (term: string) => (asked.push(term), holds(term)) }
  }

  it('keeps the translation the keyword index holds, even when the dictionary lists it second', () => {
    const index = countingIndex((stem) => stem === analyze('passeur')[0])
    expect(englishTranslator(index, { dictionary: oneEntry() }).translate('smuggler')).toBe('passeur')
  })

  it('keeps every translation, in the dictionary order, when the index holds none', () => {
    const index = countingIndex(() => false)
    expect(englishTranslator(index, { dictionary: oneEntry() }).translate('smuggler')).toBe('trafiquant passeur')
  })

  it('translates what it can of a query when one of its words has no translation', () => {
    const index = countingIndex((stem) => stem === analyze('passeur')[0])
    expect(englishTranslator(index, { dictionary: oneEntry() }).translate('smuggler Frontex')).toMatch(/^passeur\b/)
  })

  it('asks the keyword index once per stem, however often a query comes back', () => {
    const index = countingIndex((stem) => stem === analyze('passeur')[0])
    const translator = englishTranslator(index, { dictionary: oneEntry() })
    for (let i = 0; i < 3; i++) translator.translate('smuggler')
    expect(index.asked.sort()).toEqual([analyze('passeur')[0], analyze('trafiquant')[0]].sort())
  })
})
