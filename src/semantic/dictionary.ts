// The shipped English → French data: the project glossary and the FreeDict dictionary, read once and cached.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fold } from '../text/fold.js'

/** `data/` at the root of the project, wherever the process was started from. */
export const defaultDataDir = fileURLToPath(new URL('../../data/', import.meta.url))

export const FREEDICT_FILE = 'freedict-eng-fra.tsv'
export const GLOSSARY_FILE = 'glossary-en-fr.json'

export interface DictionaryStatus {
  /** Whether the FreeDict dictionary was read. The glossary alone still translates the domain's terms. */
  available: boolean
  /** FreeDict entries read (0 when missing). */
  entries: number
  glossaryEntries: number
  /** What is loaded, or what is missing and what translation falls back to, in words. */
  note: string
}

export interface Dictionary {
  /** Lower-case English word or expression → French translations, preferred first. Wins over `freedict`. */
  glossary: ReadonlyMap<string, readonly string[]>
  freedict: ReadonlyMap<string, readonly string[]>
  /** Words in the longest English entry: bounds the multi-word lookup. */
  longestEntry: number
  /** Folded single-word English entries: evidence that a query word is English. */
  englishWords: ReadonlySet<string>
  /** Folded words of every French translation: evidence that a query word is French. */
  frenchWords: ReadonlySet<string>
  status: DictionaryStatus
}

const cache = new Map<string, Dictionary>()

/** Reads the glossary and the FreeDict file of `dir` once. A missing or unreadable file is reported, never thrown. */
export function loadDictionary(dir: string = defaultDataDir): Dictionary {
  let dictionary = cache.get(dir)
  if (!dictionary) {
    dictionary = readDictionary(dir)
    cache.set(dir, dictionary)
  }
  return dictionary
}

export function dictionaryStatus(dir: string = defaultDataDir): DictionaryStatus {
  return loadDictionary(dir).status
}

function readDictionary(dir: string): Dictionary {
  const glossary = new Map<string, string[]>()
  const freedict = new Map<string, string[]>()
  const problems: string[] = []

  try {
    const parsed = JSON.parse(readFileSync(join(dir, GLOSSARY_FILE), 'utf8')) as { entries?: Record<string, unknown> }
    for (const [english, french] of Object.entries(parsed.entries ?? {})) {
      if (Array.isArray(french)) glossary.set(normaliseEnglish(english), french.filter((f): f is string => typeof f === 'string'))
    }
  } catch (error) {
    problems.push(`${GLOSSARY_FILE} could not be read (${describe(error)})`)
  }

  try {
    for (const line of readFileSync(join(dir, FREEDICT_FILE), 'utf8').split('\n')) {
      if (line === '' || line.startsWith('#')) continue
      const [english, ...french] = line.split('\t')
      if (english && french.length > 0) freedict.set(normaliseEnglish(english), french)
    }
  } catch (error) {
    problems.push(`${FREEDICT_FILE} could not be read (${describe(error)})`)
  }

  const englishWords = new Set<string>()
  const frenchWords = new Set<string>()
  let longestEntry = 1
  for (const entries of [glossary, freedict]) {
    for (const [english, translations] of entries) {
      const words = english.split(' ')
      longestEntry = Math.max(longestEntry, words.length)
      if (words.length === 1) englishWords.add(fold(english))
      for (const translation of translations) for (const word of fold(translation).split(/[^\p{L}\p{N}]+/u)) if (word) frenchWords.add(word)
    }
  }

  const available = freedict.size > 0
  const loaded = [
    available ? `FreeDict English-French (${freedict.size} entries)` : '',
    glossary.size > 0 ? `the project glossary (${glossary.size} entries)` : '',
  ].filter(Boolean)
  const note =
    problems.length === 0
      ? `English queries are translated with ${loaded.join(' and ')}.`
      : `${problems.join('; ')}: English queries are translated with ${loaded.length ? `${loaded.join(' and ')} alone` : 'nothing, and run untranslated'}.`
  return {
    glossary,
    freedict,
    longestEntry,
    englishWords,
    frenchWords,
    status: { available, entries: freedict.size, glossaryEntries: glossary.size, note },
  }
}

/** Lower case, one space between words, plain apostrophes and hyphens: the form entries are keyed by. */
export function normaliseEnglish(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)
}
