// englishLemmas, candidate by candidate and in order: the dictionaries are tried with each in turn, so a wrong
// first candidate picks a wrong entry. Each list is the rule applied by hand to the word.

import { describe, expect, it } from 'vitest'
import { englishLemmas } from '../../src/semantic/english.js'

describe('englishLemmas candidates, most likely first', () => {
  it.each([
    // -ies → -y, then the plain -s rule.
    ['countries', ['country', 'countrie']],
    ['ties', ['ty', 'tie']],
    // -ves → -f.
    ['wolves', ['wolf', 'wolve']],
    // -es after a sibilant.
    ['churches', ['church', 'churche']],
    ['wishes', ['wish', 'wishe']],
    ['buzzes', ['buzz', 'buzze']],
    ['passes', ['pass', 'passe']],
    ['boxes', ['box', 'boxe']],
    // Plain -s, but not after i, s or u.
    ['cats', ['cat']],
    ['pass', []],
    ['crisis', []],
    ['status', []],
    // -ed: -ied → -y; then with e, without; a doubled consonant undone; -ck → -c.
    ['tried', ['try', 'trie', 'tri']],
    ['stopped', ['stoppe', 'stopp', 'stop']],
    ['tracked', ['tracke', 'track', 'trac']],
    ['smuggled', ['smuggle', 'smuggl']],
    // -ing the same way.
    ['making', ['make', 'mak']],
    ['running', ['runne', 'runn', 'run']],
    // Irregular forms: the table alone.
    ['children', ['child']],
    ['went', ['go']],
  ])('%s → %j', (word, lemmas) => {
    expect(englishLemmas(word)).toEqual(lemmas)
  })

  it.each([
    // Too short for the rule: `-ies`, `-ves`, `-s` need 4 letters, `-ed` 5, `-ing` 6.
    ['ies', []],
    ['ves', []],
    ['its', []],
    ['tied', []],
    ['bred', []],
    ['being', []],
    ['thing', []],
    // A candidate of one letter is no lemma.
    ['xes', []],
  ])('%s is too short for a rule: %j', (word, lemmas) => {
    expect(englishLemmas(word)).toEqual(lemmas)
  })
})
