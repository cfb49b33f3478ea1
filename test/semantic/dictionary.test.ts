// Reading the dictionaries from small data folders written here: the entries kept, the keys normalised, the
// vocabularies the language test uses, and what the status says for each file missing or unreadable.

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FREEDICT_FILE, GLOSSARY_FILE, loadDictionary, normaliseEnglish } from '../../src/semantic/dictionary.js'
import { tempDirSync } from '../temp.js'

/** A data folder holding the given files. */
function dataDir(files: Record<string, string>): string {
  const dir = tempDirSync('ctoc-data-')
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

const GLOSSARY = JSON.stringify({
  entries: {
    'Witness  Protection': ['protection des témoins'],
    'state’s party': ['État partie', 7, null],
    'not a list': 'ignoré',
  },
})
const FREEDICT = [
  '# FreeDict, a comment line',
  '',
  'boat\tbateau\tnavire',
  'high seas\thaute mer',
  'orphan',
  'Border\u2011Control\tcontrôle aux frontières',
  '',
].join('\n')

describe('loadDictionary', () => {
  it('keeps each entry under its normalised key, drops comments, blank lines, entries without translation and non-strings', () => {
    const dictionary = loadDictionary(dataDir({ [GLOSSARY_FILE]: GLOSSARY, [FREEDICT_FILE]: FREEDICT }))
    expect([...dictionary.glossary]).toEqual([
      ['witness protection', ['protection des témoins']],
      ["state's party", ['État partie']],
    ])
    expect([...dictionary.freedict]).toEqual([
      ['boat', ['bateau', 'navire']],
      ['high seas', ['haute mer']],
      ['border-control', ['contrôle aux frontières']],
    ])
    expect(dictionary.longestEntry).toBe(2)
    expect(dictionary.status).toEqual({
      available: true,
      entries: 3,
      glossaryEntries: 2,
      note: 'English queries are translated with FreeDict English-French (3 entries) and the project glossary (2 entries).',
    })
  })

  it('knows single English words, folded, and every word of every French translation, folded', () => {
    const dictionary = loadDictionary(dataDir({ [GLOSSARY_FILE]: GLOSSARY, [FREEDICT_FILE]: FREEDICT }))
    // Expressions (`high seas`, `witness protection`) are not single-word evidence; `border-control` is one word.
    expect([...dictionary.englishWords].sort()).toEqual(['boat', 'border-control'])
    expect([...dictionary.frenchWords].sort()).toEqual(['aux', 'bateau', 'controle', 'des', 'etat', 'frontieres', 'haute', 'mer', 'navire', 'partie', 'protection', 'temoins'])
  })

  it('counts the longest entry in words, at least 1', () => {
    expect(loadDictionary(dataDir({ [FREEDICT_FILE]: 'boat\tbateau\n' })).longestEntry).toBe(1)
    expect(loadDictionary(dataDir({ [FREEDICT_FILE]: 'smuggling of migrants by sea\ttrafic illicite de migrants par mer\n' })).longestEntry).toBe(5)
  })

  it('says which file is missing, and translates with the other alone', () => {
    const status = loadDictionary(dataDir({ [FREEDICT_FILE]: FREEDICT })).status
    expect(status).toEqual({
      available: true,
      entries: 3,
      glossaryEntries: 0,
      note: 'glossary-en-fr.json could not be read (ENOENT): English queries are translated with FreeDict English-French (3 entries) alone.',
    })
  })

  it('reports a glossary that is not JSON by the parser’s message, and both files missing', () => {
    const status = loadDictionary(dataDir({ [GLOSSARY_FILE]: '{ not json' })).status
    expect(status.available).toBe(false)
    expect(status.note).toMatch(/^glossary-en-fr\.json could not be read \(.*JSON.*\); freedict-eng-fra\.tsv could not be read \(ENOENT\): English queries are translated with nothing, and run untranslated\.$/)
  })

  it('reads a folder once', () => {
    const dir = dataDir({ [FREEDICT_FILE]: 'boat\tbateau\n' })
    const first = loadDictionary(dir)
    writeFileSync(join(dir, FREEDICT_FILE), 'ship\tnavire\n')
    expect(loadDictionary(dir)).toBe(first)
  })
})

describe('normaliseEnglish', () => {
  it('lower-cases, straightens apostrophes, plain hyphens, one space between words, trimmed', () => {
    expect(normaliseEnglish('  Children’s\tRIGHTS ')).toBe("children's rights")
    expect(normaliseEnglish('state‘s ʼx `y ´z')).toBe("state's 'x 'y 'z")
    expect(normaliseEnglish('capacity\u2010building non\u2011state')).toBe('capacity-building non-state')
  })
})
