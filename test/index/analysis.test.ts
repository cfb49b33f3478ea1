import { beforeAll, describe, expect, it } from 'vitest'
import { analyseDocument, contentWords, mergeAnalyses, textStemSets, type AnalysedCorpus } from '../../src/index/analysis.js'
import { keywordDocument, ngramDocument } from '../../src/index/build.js'
import { KeywordIndex } from '../../src/index/keyword.js'
import { keywordDataFromAnalysis } from '../../src/index/keyword-build.js'
import { encodeKeywordData } from '../../src/index/keyword-data.js'
import { loadCorpus } from '../../src/ingest/load.js'
import { NgramIndex } from '../../src/semantic/ngram.js'
import { analyze, isStopWord, stem, tokenize } from '../../src/text/analyzer.js'
import type { Passage } from '../../src/types.js'

// The build analyses each passage once and derives every index from that; each derived view must be exactly what
// the index would have computed from the text itself.
let passages: Passage[]
let analysed: AnalysedCorpus
beforeAll(async () => {
  passages = (await loadCorpus('seeds')).passages
  const byDocument = new Map<string, Passage[]>()
  for (const p of passages) byDocument.set(p.docId, [...(byDocument.get(p.docId) ?? []), p])
  analysed = mergeAnalyses([...byDocument.values()].map(analyseDocument))
})

const wordsOf = (corpus: AnalysedCorpus, starts: Uint32Array, words: Uint32Array, p: number) =>
  Array.from(words.subarray(starts[p]!, starts[p + 1]!), (w) => corpus.words[w])

describe('the analysed corpus', () => {
  it('holds every passage’s folded words in order, stop words included', () => {
    passages.forEach((p, i) => expect(wordsOf(analysed, analysed.textStart, analysed.textWords, i)).toEqual(tokenize(p.text).map((t) => t.term)))
  })

  it('stems each word of the seeds as the query side does (the build remembers each written word’s term and stem)', () => {
    const stemOfWord = (w: number) => (analysed.stemOf[w]! < 0 ? null : analysed.stems[analysed.stemOf[w]!])
    expect(analysed.words.length).toBeGreaterThan(2_000)
    expect(analysed.words.filter((word, w) => stemOfWord(w) !== (isStopWord(word) ? null : stem(word)))).toEqual([])
  })

  it('gives the n-gram channel the words of `${section}\\n${text}` without stop words', () => {
    const { starts, words } = contentWords(analysed)
    passages.forEach((p, i) => {
      const expected = tokenize(ngramDocument(p).text).map((t) => t.term).filter((t) => !isStopWord(t))
      expect(wordsOf(analysed, starts, words, i)).toEqual(expected)
    })
    // Some passages only (an add reads the added ones'): the same words, numbered in the order asked.
    const which = [7, 3, passages.length - 1]
    const some = contentWords(analysed, which)
    which.forEach((p, k) => expect(wordsOf(analysed, some.starts, some.words, k)).toEqual(wordsOf(analysed, starts, words, p)))
    expect(some.starts.length).toBe(which.length + 1)
  })

  it('gives variant grouping each passage’s distinct stems, as `analyze` finds them', () => {
    const { offsets, terms } = textStemSets(analysed)
    passages.forEach((p, i) => {
      const stems = Array.from(terms.subarray(offsets[i]!, offsets[i + 1]!), (s) => analysed.stems[s])
      expect(stems.sort()).toEqual([...new Set(analyze(p.text))].sort())
    })
  })

  it('builds the same n-gram index as the channel does from the texts', () => {
    const { starts, words } = contentWords(analysed)
    const fromAnalysis = NgramIndex.fromWords(passages.map((p) => p.id), analysed.words, starts, words)
    const fromTexts = NgramIndex.build(passages.map(ngramDocument))
    expect(Buffer.concat(fromAnalysis.toBinary()).equals(Buffer.concat(fromTexts.toBinary()))).toBe(true)
  })

  it('builds the same keyword index file as the keyword index does from the texts', () => {
    const fromAnalysis = encodeKeywordData(keywordDataFromAnalysis(passages.map((p) => p.id), analysed))
    expect(fromAnalysis.equals(KeywordIndex.build(passages.map(keywordDocument)).toBuffer())).toBe(true)
  })

  it('merges documents over one vocabulary whatever their local numbering', () => {
    const one = analyseDocument(passages.slice(0, 3))
    const two = analyseDocument(passages.slice(3, 5))
    const merged = mergeAnalyses([one, two])
    const whole = mergeAnalyses([analyseDocument(passages.slice(0, 5))])
    for (let p = 0; p < 5; p++) {
      expect(wordsOf(merged, merged.textStart, merged.textWords, p)).toEqual(wordsOf(whole, whole.textStart, whole.textWords, p))
      expect(wordsOf(merged, merged.sectionStart, merged.sectionWords, p)).toEqual(tokenize(passages[p]!.section.join(' ')).map((t) => t.term))
    }
    expect(new Set(merged.words).size).toBe(merged.words.length)
  })

  // An add keeps the last build's ids (its passages are copied, not merged again) and appends the new words; a
  // removal drops the words and stems only the removed passages used, or they would stay in every index built after.
  it('merges onto the last build: an add keeps its ids, a removal drops the words no passage uses any more', () => {
    const byDocument = new Map<string, Passage[]>()
    for (const p of passages) byDocument.set(p.docId, [...(byDocument.get(p.docId) ?? []), p])
    const [first, second] = [...byDocument.values()] as [Passage[], Passage[]]
    const last = mergeAnalyses([analyseDocument(first)])
    const added = mergeAnalyses([{ from: 0, to: first.length }, analyseDocument(second)], last)
    expect(added.words.slice(0, last.words.length)).toEqual(last.words)
    expect(added.stems.slice(0, last.stems.length)).toEqual(last.stems)
    expect(Array.from(added.stemOf.subarray(0, last.words.length))).toEqual(Array.from(last.stemOf))
    const whole = mergeAnalyses([analyseDocument(first), analyseDocument(second)])
    expect(new Set(added.words)).toEqual(new Set(whole.words))
    // The second document's words and stems the first has are found, not listed again.
    expect(added.words).toHaveLength(whole.words.length)
    expect(added.stems).toHaveLength(whole.stems.length)
    expect(added.stemOf.length).toBe(added.words.length)

    const removed = mergeAnalyses([{ from: first.length, to: first.length + second.length }], added)
    const alone = mergeAnalyses([analyseDocument(second)])
    expect(new Set(removed.words)).toEqual(new Set(alone.words))
    expect(new Set(removed.stems)).toEqual(new Set(alone.stems))
    expect(removed.words.length).toBeLessThan(added.words.length)
    for (let p = 0; p < second.length; p++) expect(wordsOf(removed, removed.textStart, removed.textWords, p)).toEqual(wordsOf(alone, alone.textStart, alone.textWords, p))
  })
})
