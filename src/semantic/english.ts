// Is a query English? Weighs function words, spelling and the dictionaries' vocabularies; French wins ties.

import { frenchStopWords } from '../text/stopwords.js'
import { fold } from '../text/fold.js'
import { loadDictionary, type Dictionary } from './dictionary.js'

/** English function words that are not French words. */
export const englishFunctionWords: ReadonlySet<string> = new Set(
  `the of and to in for with from by is are was were be been being this that these those which what how why when where
  who whom whose should would could can will shall may might must not its it their they them there here into about
  against between through during under over than such other any each has have had do does did our we you your my his
  her he she also only very more most some many much both either neither if then so up out off all at among within
  without across after before upon onto whether while`.split(/\s+/),
)

// Words both languages use as function words: they say nothing about the language of a query.
const SHARED = new Set(['a', 'as', 'on', 'son', 'pour', 'me', 'ma', 'or', 'but', 'an', 'us', 'plus', 'non', 'sale', 'i'])

/** French function and question words beyond the stop-word list, folded. */
const FRENCH_WORDS = new Set(
  `ou dont sans entre sous vers chez contre selon lors comme aussi tres peut peuvent doit doivent faut etre avoir fait
  font comment pourquoi quand depuis pendant apres avant tous toutes tout autres autre quoi quel quelle quels quelles
  lequel laquelle lesquels combien ainsi donc afin`.split(/\s+/),
)

const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'\p{L}/u
const ENGLISH_CLITIC = /\p{L}'(?:s|t|re|ve|ll|d)$/u
const FRENCH_LETTERS = /[àâçéèêëîïôùûüÿœæ]/i

// Spellings typical of one language, consulted only for words neither vocabulary knows.
const ENGLISH_SHAPES = [/.{3}ing$/, /ness$/, /ship$/, /.{2}(?:ied|ies)$/, /.{2}ity$/, /ful$/, /less$/, /.{2}ally$/, /ght/, /^wh/, /w/, /[^aeiou]y$/, /.{3}ed$/, /th$/]
const FRENCH_SHAPES = [/eaux?$/, /eux$/, /euses?$/, /aient$/, /ait$/, /.{2}ez$/, /iques?$/, /oires?$/, /aires?$/, /eurs?$/, /aux$/, /ees?$/]

/** Simple English lemmas of a word, most likely first: plurals, -ing, -ed and a few irregular forms. */
export function englishLemmas(word: string): string[] {
  const irregular = IRREGULAR[word]
  if (irregular) return [irregular]
  const lemmas: string[] = []
  const add = (lemma: string): void => {
    if (lemma.length >= 2 && lemma !== word && !lemmas.includes(lemma)) lemmas.push(lemma)
  }
  if (word.length > 3 && /ies$/.test(word)) add(`${word.slice(0, -3)}y`)
  if (word.length > 3 && /ves$/.test(word)) add(`${word.slice(0, -3)}f`)
  if (/(?:ss|x|ch|sh|z)es$/.test(word)) add(word.slice(0, -2))
  if (word.length > 3 && /[^isu]s$/.test(word)) add(word.slice(0, -1))
  for (const [suffix, length] of [['ing', 5], ['ed', 4]] as const) {
    if (word.length > length && word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length)
      if (suffix === 'ed' && stem.endsWith('i')) add(`${stem.slice(0, -1)}y`)
      add(`${stem}e`)
      add(stem)
      if (/([^aeiou])\1$/.test(stem)) add(stem.slice(0, -1))
      if (stem.endsWith('ck')) add(stem.slice(0, -1))
    }
  }
  return lemmas
}

const IRREGULAR: Record<string, string> = {
  children: 'child', women: 'woman', men: 'man', people: 'person', feet: 'foot', teeth: 'tooth', lives: 'life',
  wives: 'wife', mice: 'mouse', geese: 'goose', criteria: 'criterion', phenomena: 'phenomenon', analyses: 'analysis',
  crises: 'crisis', bases: 'basis', went: 'go', gone: 'go', made: 'make', taken: 'take', given: 'give', seen: 'see',
  paid: 'pay', sold: 'sell', bought: 'buy', held: 'hold', brought: 'bring', caught: 'catch', found: 'find', left: 'leave',
}

/** The words of a query as the language test sees them: lower case, plain apostrophes; symbols and numbers left out. */
function queryWords(query: string): string[] {
  const words = query.toLowerCase().replace(/[’‘ʼ`´]/g, "'").match(/[\p{L}\p{N}]+(?:[./'][\p{L}\p{N}]+)*/gu) ?? []
  return words.filter((w) => !/[\d./]/.test(w))
}

/**
 * Whether a query reads as English rather than French. French is the default: a query with no evidence either
 * way (`protection`, `a`, `corruption`) is French, since the corpus is. Evidence per word: function words and
 * clitics (2), accents and elision (2), expressions of the glossary (2), then the dictionaries' vocabularies (1),
 * then spelling (1).
 */
export function isEnglishQuery(query: string, dictionary: Dictionary = loadDictionary()): boolean {
  const words = queryWords(query)
  let english = 0
  let french = 0
  // An English expression of the glossary (`illegal entry`, `social media`) is strong evidence on its own.
  for (let i = 0; i < words.length; i++) {
    for (let length = 2; length <= 4 && i + length <= words.length; length++) {
      if (dictionary.glossary.has(words.slice(i, i + length).join(' '))) english += 2
    }
  }
  for (const raw of words) {
    if (FRENCH_LETTERS.test(raw) || ELISION.test(raw)) {
      french += 2
      continue
    }
    if (ENGLISH_CLITIC.test(raw)) {
      english += 2
      continue
    }
    const word = fold(raw)
    if (SHARED.has(word) || word.length === 1) continue
    if (englishFunctionWords.has(word)) {
      english += 2
      continue
    }
    if (frenchStopWords.has(word) || FRENCH_WORDS.has(word)) {
      french += 2
      continue
    }
    const knownEnglish = dictionary.englishWords.has(word) || englishLemmas(word).some((lemma) => dictionary.englishWords.has(lemma))
    const knownFrench = dictionary.frenchWords.has(word) || (/[sx]$/.test(word) && dictionary.frenchWords.has(word.slice(0, -1)))
    if (knownEnglish !== knownFrench) {
      if (knownEnglish) english += 1
      else french += 1
    } else if (!knownEnglish) {
      if (ENGLISH_SHAPES.some((shape) => shape.test(word))) english += 1
      else if (FRENCH_SHAPES.some((shape) => shape.test(word))) french += 1
    }
  }
  return english >= 1 && english > french
}
