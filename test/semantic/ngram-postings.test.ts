// Updating every gram's postings after a change of corpus gives exactly the postings of the new corpus — capped
// grams' impact groups included, for caps that group nearly every gram, the common ones, or none — and the n-gram
// index derived from them is byte for byte the index a full build of the new corpus gives.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultNgramOptions, NgramIndex, wordGrams } from '../../src/semantic/ngram.js'
import { gramPostings, type PassageWords } from '../../src/semantic/ngram-postings.js'
import { updateGramPostings } from '../../src/semantic/ngram-splice.js'
import { StringTable } from '../../src/binary/string-table.js'

const words = ['trafic', 'migrants', 'protection', 'témoins', 'coopération', 'enquêtes', 'confiscation', 'avoirs', 'mer', 'frontières']
// Passages as word ids; a word repeated 20 times exercises term frequencies of 15 and more.
const passage = (i: number) => (i % 7 === 3 ? Array(20).fill(i % words.length) : Array.from({ length: 2 + (i % 5) }, (_, k) => (i * 3 + k * 7) % words.length))
const wordsOf = (passages: number[][]): PassageWords => {
  const starts = [0]
  for (const p of passages) starts.push(starts[starts.length - 1]! + p.length)
  return { words, starts: Uint32Array.from(starts), tokens: Uint32Array.from(passages.flat()) }
}

const CAPS = [2, 7, 1000]
const optionsFor = (maxPostingsPerGram: number) => ({ ...defaultNgramOptions, maxPostingsPerGram })

/** Old corpus `before`, new corpus `after` (lists of passage numbers into `passage`): the updated postings. */
function update(before: number[], after: number[], cap: number) {
  const previous = gramPostings(wordsOf(before.map(passage)), optionsFor(cap))
  const renumber = Int32Array.from(before, (p) => after.indexOf(p))
  const addedAt = Uint32Array.from(after.flatMap((p, i) => (before.includes(p) ? [] : [i])))
  const added = wordsOf([...addedAt].map((i) => passage(after[i]!)))
  return updateGramPostings(previous, renumber, after.length, added, addedAt, optionsFor(cap))
}

/** For each cap, the update of `before` into `after` equals a fresh build of `after`. */
function check(before: number[], after: number[]): void {
  for (const cap of CAPS) expect(update(before, after, cap), `cap ${cap}`).toEqual(gramPostings(wordsOf(after.map(passage)), optionsFor(cap)))
}

const bytesOf = (index: NgramIndex) => Buffer.concat(index.toBinary())
const idsOf = (passages: number[]) => passages.map((p) => `p${p}`)

/** For each cap, the index of the updated postings equals a full build's, byte for byte. */
function checkSplice(before: number[], after: number[]): void {
  for (const cap of CAPS) {
    const spliced = NgramIndex.fromPostings(idsOf(after), update(before, after, cap), optionsFor(cap))
    const full = NgramIndex.fromPostings(idsOf(after), gramPostings(wordsOf(after.map(passage)), optionsFor(cap)), optionsFor(cap))
    expect(bytesOf(spliced).equals(bytesOf(full)), `cap ${cap}: the spliced index differs from a full build's`).toBe(true)
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i)

describe('updateGramPostings', () => {
  it('appends passages at the end', () => check(range(0, 30), range(0, 40)))
  it('inserts passages in the middle', () => check([...range(0, 15), ...range(20, 30)], range(0, 30)))
  it('inserts passages in front, every kept passage moving', () => check(range(10, 30), range(0, 30)))
  it('inserts and removes in several places at once', () => check([...range(0, 8), ...range(12, 20), ...range(25, 40)], [...range(3, 10), ...range(14, 22), 30, ...range(33, 45)]))
  it('removes passages', () => check(range(0, 30), [...range(0, 10), ...range(18, 30)]))
  it('adds and removes at once', () => check(range(0, 30), [...range(0, 5), ...range(9, 30), ...range(40, 46)]))
  it('drops a gram no passage holds any more', () => check(range(0, 12), [0, 1]))
  it('changes nothing when nothing changes', () => check(range(0, 20), range(0, 20)))

  it('gives the postings of a fresh build for any change of corpus (property)', () => {
    // Passages 0–59 in order, each kept or not before and after: adds, removes and moves anywhere, several at once.
    const corpus = fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }).map((keep) => range(0, 60).filter((p) => keep[p]))
    fc.assert(fc.property(corpus, corpus, (before, after) => check(before, after)), { numRuns: 40 })
  })
})

describe('the n-gram index of updated postings', () => {
  it('adds a report sorting last', () => checkSplice(range(0, 40), range(0, 52)))
  it('adds a report sorting in the middle', () => checkSplice([...range(0, 20), ...range(32, 52)], range(0, 52)))
  it('adds a report sorting first, every kept passage moving', () => checkSplice(range(12, 52), range(0, 52)))
  it('adds several reports at once', () => checkSplice([...range(0, 10), ...range(20, 30), ...range(40, 50)], range(0, 60)))
  it('removes a report sorting first, in the middle, last', () => {
    checkSplice(range(0, 52), range(12, 52))
    checkSplice(range(0, 52), [...range(0, 20), ...range(32, 52)])
    checkSplice(range(0, 52), range(0, 40))
  })
  it('adds and removes at once', () => checkSplice(range(0, 40), [...range(0, 5), ...range(12, 40), ...range(45, 56)]))

  it('gives the index of a full build for any change of corpus (property)', () => {
    const corpus = fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }).map((keep) => range(0, 60).filter((p) => keep[p]))
    fc.assert(fc.property(corpus, corpus, (before, after) => checkSplice(before, after)), { numRuns: 60 })
  })
})

describe('gramPostings a range of grams at a time', () => {
  // A build transposes its pairs a range of grams at a time (`PAIRS_PER_BATCH`, far more than these corpora have):
  // ranges of a few pairs, or of one gram when a gram has more, give the postings of one range over every gram.
  it('gives the postings of a single transpose (property)', () => {
    const corpus = fc.array(fc.array(fc.nat(words.length - 1), { minLength: 0, maxLength: 25 }), { minLength: 1, maxLength: 40 })
    fc.assert(
      fc.property(corpus, fc.constantFrom(1, 3, 40, 400), (passages, pairsPerBatch) => {
        for (const cap of CAPS) expect(gramPostings(wordsOf(passages), optionsFor(cap), pairsPerBatch), `cap ${cap}`).toEqual(gramPostings(wordsOf(passages), optionsFor(cap), Infinity))
      }),
      { numRuns: 60 },
    )
  })
})

describe('words with characters outside the BMP', () => {
  // Mathematical bold letters, an emoji, a lone surrogate: each is one character of a gram, read as U+FFFD.
  const words = ['𝐀𝐁𝐂', 'trafic😀', 'x\uD800y']
  const postings = () => gramPostings({ words, starts: Uint32Array.from([0, 1, 2, 3]), tokens: Uint32Array.from([0, 1, 2]) }, defaultNgramOptions)

  it('are cut into grams that UTF-8 (ngram.bin, the build state) gives back unchanged, as a query cuts them', () => {
    // The postings keep their grams as UTF-8, as ngram.bin does: decoded, they are the grams a query cuts.
    const stored = StringTable.fromArrays(postings().grams).all()
    expect(new Set(stored)).toEqual(new Set(words.flatMap((word) => wordGrams(word))))
    expect(stored.length).toBe(new Set(stored).size)
  })

  it('count one character each, never half of one', () => {
    expect(wordGrams('𝐀𝐁', 3, 3).sort()).toEqual([' \uFFFD\uFFFD', '\uFFFD\uFFFD '])
  })
})
