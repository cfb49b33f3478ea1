// The keyword index against MiniSearch, the scoring it must reproduce, and its binary file.

import MiniSearch from 'minisearch'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { keywordDocument } from '../../src/index/build.js'
import { Bitset } from '../../src/index/bitset.js'
import { KeywordIndex, type KeywordDocument } from '../../src/index/keyword.js'
import { countAt, roundScore, topK } from '../../src/index/keyword-query.js'
import { NO_STEM } from '../../src/index/keyword-data.js'
import { StemWords } from '../../src/search/proximity.js'
import { loadCorpus } from '../../src/ingest/load.js'
import { analyze, isStopWord, phraseForm, stem } from '../../src/text/analyzer.js'

let documents: KeywordDocument[]
let index: KeywordIndex
let mini: MiniSearch<KeywordDocument>
beforeAll(async () => {
  documents = (await loadCorpus('seeds')).passages.map(keywordDocument)
  index = KeywordIndex.fromBuffer(KeywordIndex.build(documents).toBuffer())
  const identity = (t: string) => t
  mini = new MiniSearch<KeywordDocument>({ fields: ['text', 'section'], tokenize: analyze, processTerm: identity, searchOptions: { tokenize: (t) => t.split(' ').filter(Boolean), processTerm: identity } })
  mini.addAll(documents)
})

// The keyword channel's MiniSearch call before our postings replaced it: typos on 5+ letters, the last term a prefix.
function miniSearchRanking(terms: string[]): Array<[string, number]> {
  const results = mini.search(terms.join(' '), {
    boost: { text: 1, section: 0.5 },
    prefix: (term, i, all) => i === all.length - 1 && term.length >= 3 && !/\d/.test(term),
    fuzzy: (term) => (term.length >= 5 && !/\d/.test(term) ? 0.2 : false),
    maxFuzzy: 2,
  })
  const round = (n: number) => Math.round(n * 10_000) / 10_000
  return results.map((r): [string, number] => [r.id as string, r.score]).sort((a, b) => round(b[1]) - round(a[1]) || (a[0] < b[0] ? -1 : 1))
}

describe('scores as MiniSearch does, to the last bit', () => {
  // A typo ("protectoin"), a prefix that expands widely ("mig"), a repeated term, English words that match nothing.
  const queries = ['protection des témoins', 'protectoin des victimes', 'trafic illicite de migrants par mer', 'Etats parties', 'mig', 'trafic trafic migr', 'witness protection']
  for (const q of queries) {
    it(`every match of "${q}", in order, with the same score`, () => {
      const terms = analyze(q)
      expect(index.search(terms).map((m): [string, number] => [m.id, m.score])).toEqual(miniSearchRanking(terms))
    })
  }

  it('the top 10 by early termination is the head of the exhaustive ranking', () => {
    const terms = analyze('coopération internationale en matière pénale')
    const top = index.query(terms).top(10).hits.map((h) => index.ids[h.doc])
    expect(top).toEqual(miniSearchRanking(terms).slice(0, 10).map(([id]) => id))
  })

  // Passages holding many of a long query's common words leave MaxScore nothing to skip: its scan gives up after
  // half the postings' worth of look-ups and every match is scored instead, for the same head.
  const long = 'migrants trafic protection coopération internationale enquêtes victimes frontières États parties mesures législation'
  it('the top 10 of a long query of common words, where the scan gives up, is the head of the exhaustive ranking', () => {
    const terms = analyze(long)
    const query = index.query(terms)
    const postings = query.terms.reduce((sum, term) => sum + term.postings, 0)
    expect(topK(query.terms, 10, null, index.idOrder, Infinity, postings / 2).abandoned).toBe(true)
    const expected = miniSearchRanking(terms).slice(0, 10)
    expect(query.top(10).hits.map((h) => [index.ids[h.doc], h.score])).toEqual(expected)
    expect(topK(query.terms, 10, null, index.idOrder).hits.map((h) => [index.ids[h.doc], h.score])).toEqual(expected)
  })

  // Few terms cost few look-ups a visited passage: at a million passages giving up made common two- and three-word
  // queries 4–6× slower, so below eight terms the scan runs to its end whatever it looks up.
  it('a query of few common words keeps its scan even past the look-ups a long query may spend', () => {
    const terms = analyze('Etats parties coopération')
    const query = index.query(terms)
    expect(query.terms.length).toBeLessThan(8)
    const postings = query.terms.reduce((sum, term) => sum + term.postings, 0)
    expect(topK(query.terms, 10, null, index.idOrder, Infinity, postings / 2 + index.size / 64).abandoned).toBe(true)
    const every = vi.spyOn(query, 'everyScore')
    expect(query.top(10).hits.map((h) => [index.ids[h.doc], h.score])).toEqual(miniSearchRanking(terms).slice(0, 10))
    expect(every).not.toHaveBeenCalled()
  })

  it('a scan that gives up past the deadline keeps what it found, and says the ranking was cut', () => {
    const query = index.query(analyze(long))
    const { hits, truncated } = query.top(10, null, 0)
    expect(truncated).toBe(true)
    expect(hits.length).toBeGreaterThan(0)
    expect(index.query(analyze('confiscation')).top(10, null, 0).truncated).toBe(false)
  })
})

describe('ranks of single passages', () => {
  // A repeated word counts once in MiniSearch's multiplier; "migr" and "protectoin" reach passages only through
  // their prefix and typo expansions.
  const queries = ['trafic trafic migr', 'protectoin des victimes témoins protection', 'Etats parties coopération Etats']
  for (const q of queries) {
    it(`every match of "${q}" gets its place in the exhaustive ranking, also among an allowed subset`, () => {
      const terms = analyze(q)
      const ranking = miniSearchRanking(terms)
      expect(ranking.length).toBeGreaterThan(20)
      const number = new Map(index.ids.map((id, n) => [id, n]))
      const targets = ranking.map(([id, score]) => ({ rounded: roundScore(score), order: index.idOrder[number.get(id)!]! }))
      const scored = index.query(terms).terms
      expect(countAt(scored, targets, null, index.idOrder)).toEqual(ranking.map((_, i) => i))
      const allowed = new Bitset(index.size)
      ranking.forEach(([id], i) => i % 3 !== 1 && allowed.add(number.get(id)!))
      const kept = ranking.filter((_, i) => i % 3 !== 1)
      const keptTargets = targets.filter((_, i) => i % 3 !== 1)
      expect(countAt(scored, keptTargets, allowed, index.idOrder)).toEqual(kept.map((_, i) => i))
    })

    it(`a deep head of "${q}" (every match scored once) is the exhaustive ranking, and so are the heads after it`, () => {
      const terms = analyze(q)
      const ranking = miniSearchRanking(terms)
      const number = new Map(index.ids.map((id, n) => [id, n]))
      const query = index.query(terms)
      const deep = Math.max(100, ranking.length + 5)
      expect(query.top(deep).hits.map((h) => [index.ids[h.doc], h.score])).toEqual(ranking)
      const allowed = new Bitset(index.size)
      ranking.forEach(([id], i) => i % 3 !== 1 && allowed.add(number.get(id)!))
      expect(query.top(7, allowed).hits.map((h) => index.ids[h.doc])).toEqual(ranking.filter((_, i) => i % 3 !== 1).slice(0, 7).map(([id]) => id))
      for (const [id, score] of ranking.slice(0, 20)) expect(query.score(number.get(id)!)).toBe(score)
    })
  }
})

describe('word stems', () => {
  it('give each word the index term its stem is, stop words included, and each term the words stemming to it', () => {
    const { words, terms, wordStems } = index.data
    const termIds = new Map(terms.map((t, i) => [t, i]))
    const expected = words.map((w) => termIds.get(stem(w)) ?? NO_STEM)
    expect(Array.from(wordStems)).toEqual(expected)
    // Stop words are not indexed, but some stem to a term other words give (their positions place that term too).
    expect(words.filter((w, i) => isStopWord(w) && expected[i] !== NO_STEM).length).toBeGreaterThan(0)
    const byStem = new StemWords(index.data)
    terms.forEach((term, t) => {
      expect(Array.from(byStem.wordsOf(t)), term).toEqual(words.flatMap((w, i) => (expected[i] === t ? [i] : [])))
    })
  })

  it('are read back word by word as the stem itself, without stemming (what snippets mark by)', () => {
    const { words, terms } = index.data
    const termSet = new Set(terms)
    for (const word of words) {
      // The stem when it is an index term; undefined only when it is none (a stop word's, mostly).
      const stored = index.storedStem(word)
      expect(stored, word).toBe(termSet.has(stem(word)) ? stem(word) : undefined)
    }
    expect(words.filter((w) => index.storedStem(w) === undefined).length).toBeGreaterThan(0)
    expect(index.storedStem('zzzyx')).toBeUndefined()
  })
})

describe('remembered expansions', () => {
  // One index answers every query below in turn, so each term's expansion is remembered from the one before; a
  // fresh index for each query walks the vocabulary anew. A remembered expansion must be exactly what a walk gives,
  // for the same word with and without prefix or typo tolerance.
  const asked: Array<[string[], { prefixLast?: boolean; fuzzy?: boolean }]> = [
    [['migr'], {}],
    [['migr'], { prefixLast: false }],
    [['protectoin', 'migr'], { fuzzy: false }],
    [['protectoin', 'migr'], {}],
    [['migr', 'protectoin'], {}],
  ]
  it('gives every query the matches and scores of an index that never saw a query', () => {
    const shared = KeywordIndex.fromBuffer(KeywordIndex.build(documents).toBuffer())
    for (const [terms, options] of asked) {
      const fresh = KeywordIndex.fromBuffer(KeywordIndex.build(documents).toBuffer())
      const expected = fresh.search(terms, options).map((m) => [m.id, m.score, m.terms])
      expect(expected.length).toBeGreaterThan(0)
      expect(shared.search(terms, options).map((m) => [m.id, m.score, m.terms]), `${terms.join(' ')} ${JSON.stringify(options)}`).toEqual(expected)
    }
  })
})

describe('ties', () => {
  it('are broken by id, also where the scan skips passages that can at best tie', () => {
    // Six passages with the same words score the same; they come in descending id order, so the scan holds the
    // largest ids first and must still let the smaller ones in on equal score.
    const same = Array.from({ length: 6 }, (_, i) => ({ id: `p${9 - i}`, text: 'gel des avoirs criminels', section: '' }))
    const others = Array.from({ length: 30 }, (_, i) => ({ id: `q${i}`, text: `gel numéro ${i} des mesures`, section: '' }))
    const small = KeywordIndex.build([...same, ...others])
    const top = small.query(analyze('gel avoirs')).top(3).hits.map((h) => small.ids[h.doc])
    expect(top).toEqual(['p4', 'p5', 'p6'])
  })
})

describe('phrases from word positions', () => {
  it('finds exactly the passages whose folded words hold the phrase', () => {
    // How many passages hold each, counted with a regular expression over the seeds' passages.
    const counts: Record<string, number> = { 'geler et confisquer': 2, 'de la': 108, "techniques d'enquête spéciales": 8, 'États parties au Protocole': 3 }
    for (const [written, count] of Object.entries(counts)) {
      const phrase = phraseForm(written)
      const expected = documents.filter((d) => ` ${phraseForm(d.text)} `.includes(` ${phrase} `)).map((d) => d.id)
      const found: string[] = []
      index.phrase(phrase).forEach((doc) => found.push(index.ids[doc]!))
      expect(found.sort()).toEqual(expected.sort())
      expect(found).toHaveLength(count)
    }
  })

  it('looks only among the passages it is given, and finds there what it finds among all', () => {
    // Every other passage; phrases of common words, one with a word twice ("la … la") and one of a single word.
    const within = new Bitset(index.size)
    for (let doc = 0; doc < index.size; doc += 2) within.add(doc)
    for (const written of ['de la', 'la réduction de la', 'trafic illicite de migrants', 'geler et confisquer', 'Protocole']) {
      const phrase = phraseForm(written)
      const expected = documents.flatMap((d, doc) => (doc % 2 === 0 && ` ${phraseForm(d.text)} `.includes(` ${phrase} `) ? [d.id] : []))
      const found: string[] = []
      index.phrase(phrase, within).forEach((doc) => found.push(index.ids[doc]!))
      expect(found.sort(), written).toEqual(expected.sort())
      expect(found.length, written).toBeGreaterThan(0)
    }
  })

  it('a word the index never saw matches nothing', () => {
    expect(index.phrase('geler et zzzyx').count()).toBe(0)
  })
})

describe('binary file', () => {
  it('refuses bytes that are not a keyword index, with what to do', () => {
    expect(() => KeywordIndex.fromBuffer(Buffer.from('{"hello":"world"}'))).toThrow(/keyword index file is unreadable.*npm run index/)
    const bytes = KeywordIndex.build(documents.slice(0, 20)).toBuffer()
    expect(() => KeywordIndex.fromBuffer(bytes.subarray(0, bytes.length - 100))).toThrow(/keyword index file is unreadable/)
  })

  it('reads back what it wrote, even from an unaligned copy', () => {
    const bytes = KeywordIndex.build(documents).toBuffer()
    const unaligned = new Uint8Array(bytes.length + 1).subarray(1)
    unaligned.set(bytes)
    const reread = KeywordIndex.fromBuffer(unaligned)
    expect(reread.search(analyze('blanchiment'))).toEqual(index.search(analyze('blanchiment')))
  })
})

describe('every score of a query', () => {
  it('is summed in arrays kept from query to query, left clean: the same scores query after query, rare words or common', () => {
    const shared = KeywordIndex.fromBuffer(KeywordIndex.build(documents).toBuffer())
    // Words in one passage (their matches found by a search of the list) and common words (by a bit per passage).
    const text = shared.data.fields[0]
    const rare = shared.data.terms.filter((_, id) => text.offsets[id + 1]! - text.offsets[id]! === 1 && !/\d/.test(shared.data.terms[id]!)).slice(0, 40)
    expect(rare.length).toBe(40)
    const pairs = rare.map((term, i) => [term, rare[(i * 7 + 3) % rare.length]!])
    const common = [['protect'], ['migr', 'trafic'], ['protect', rare[0]!]]
    for (const terms of [...pairs, ...common, ...pairs, ...common]) {
      const query = shared.query(terms, { fuzzy: false, prefixLast: false })
      const expected = [...Array(shared.size).keys()].map((doc) => query.score(doc))
      const every = query.everyScore()!
      expect(expected.filter((score) => score > 0).length).toBeGreaterThan(0)
      expect([...Array(shared.size).keys()].map((doc) => every.score(doc)), terms.join(' ')).toEqual(expected)
      expect(shared.scratchArrays().sums!.total.every((x) => x === 0)).toBe(true)
      expect(shared.scratchArrays().sums!.sources.every((x) => x === 0)).toBe(true)
    }
  })
})
