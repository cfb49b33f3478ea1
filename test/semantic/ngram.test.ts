import { describe, expect, it } from 'vitest'
import { NgramIndex, wordGrams } from '../../src/semantic/ngram.js'
import { isStopWord, tokenize } from '../../src/text/analyzer.js'

// Passages in the seeds' style, two with the seeds' OCR damage (`ceuvre`, `enquétes`, `grou pes`, `Etats`).
const passages = [
  { id: 'temoins', text: 'Les États parties devraient renforcer la protection des témoins et des victimes.' },
  { id: 'ocr-oeuvre', text: 'Le Groupe de travail a examiné la mise en ceuvre du Protocole relatif au trafic illicite de migrants.' },
  { id: 'itineraires', text: 'Les Etats devraient échanger des informations sur les itinéraires empruntés par les passeurs.' },
  { id: 'ocr-enquetes', text: 'Les enquétes financières permettent de localiser, geler et confisquer le produit du crime.' },
  { id: 'ocr-groupes', text: 'Les grou pes criminels organisés recourent à Internet et aux médias sociaux.' },
  { id: 'entraide', text: "La coopération internationale en matière pénale, y compris l'entraide judiciaire et l'extradition." },
  { id: 'ligature', text: 'Les projets de renforcement des capacités ont été mis en œuvre dans la région.' },
]
// Built by the first test that asks, not when the file loads: a build inside a test lets mutation testing run only
// the tests that reach each line of the build (see docs/testing.md).
let built: NgramIndex | undefined
const theIndex = (): NgramIndex => (built ??= NgramIndex.build(passages))
const ids = (query: string, limit = 10): string[] => theIndex().search(query, limit).map(([id]) => id)

describe('wordGrams', () => {
  it('pads words so grams mark where a word starts and ends', () => {
    expect(wordGrams('mise')).toEqual([' mi', 'mis', 'ise', 'se ', ' mis', 'mise', 'ise ', ' mise', 'mise '])
  })
})

describe('NgramIndex.search', () => {
  it('finds the protection passage first despite a transposition typo', () => {
    // `protectoin` shares ` pro`, `prot`, `rote`, `otec`, `tect` with `protection`; `Protocole` only the first two.
    expect(ids('protectoin')[0]).toBe('temoins')
  })

  it('matches OCR-damaged `ceuvre` and the ligature `œuvre` with `mise en oeuvre`', () => {
    // Both passages hold `mise`/`mis` and `oeuvre` once folded and repaired; `ocr-oeuvre` has the exact `mise`.
    expect(ids('mise en oeuvre').slice(0, 2)).toEqual(['ocr-oeuvre', 'ligature'])
  })

  it('treats `Etats` and `États` alike', () => {
    const accented = theIndex().search('États', 10)
    expect(accented.slice(0, 2).map(([id]) => id).sort()).toEqual(['itineraires', 'temoins'])
    expect(theIndex().search('Etats', 10)).toEqual(accented)
  })

  it('finds `enquêtes` in `enquétes` and `groupes` in `grou pes`', () => {
    expect(ids('enquêtes financières')[0]).toBe('ocr-enquetes')
    // The split word still shares ` grou`, `pes ` and their shorter grams with `groupes`.
    expect(ids('groupes criminels')[0]).toBe('ocr-groupes')
  })

  it('returns positive scores, at most 1 for a passage longer than the mean, best first, within the limit', () => {
    const ranked = theIndex().search('coopération internationale et entraide judiciaire', 3)
    expect(ranked).toHaveLength(3)
    expect(ranked[0]![0]).toBe('entraide')
    for (const [, score] of ranked) expect(score).toBeGreaterThan(0)
    expect(ranked[0]![1]).toBeLessThanOrEqual(1 + 1e-6)
    expect(ranked.map(([, s]) => s)).toEqual([...ranked.map(([, s]) => s)].sort((a, b) => b - a))
  })

  it('ranks a passage searched with its own text first', () => {
    for (const passage of passages) expect(theIndex().search(passage.text, 1)[0]![0]).toBe(passage.id)
  })

  it('applies the filter and still fills the limit from the passages it keeps', () => {
    const ranked = theIndex().search('États protection', 2, (id) => id !== 'temoins')
    expect(ranked.map(([id]) => id)).not.toContain('temoins')
    expect(ranked[0]![0]).toBe('itineraires')
    expect(ranked).toHaveLength(2)
  })

  it('returns nothing for stop words only, unknown grams, or a zero limit', () => {
    expect(theIndex().search('le la les de', 10)).toEqual([])
    expect(theIndex().search('zzzqqq', 10)).toEqual([])
    expect(theIndex().search('protection', 0)).toEqual([])
  })

  it('keeps a word found in nearly every passage findable, and ranks it by weight', () => {
    // Issue #11: grams above 10 % of the passages were dropped, so `trafic`, `migrants`, `États` (in most of
    // the seeds' passages) found nothing in semantic mode. A common gram weighs little; it is not erased.
    const common = Array.from({ length: 400 }, (_, i) => ({ id: `p${i}`, text: i % 10 === 9 ? `Coopération régionale ${i}.` : `Le trafic de migrants ${i}.` }))
    const found = NgramIndex.build(common).search('trafic', 1000).map(([id]) => id)
    expect(found).toHaveLength(360)
    expect(found.every((id) => Number(id.slice(1)) % 10 !== 9)).toBe(true)
  })

  it('caps a gram found in too many passages at the passages where it weighs most, scored exactly', () => {
    // `devraient` is in all 150 passages, padded with 0–29 other words: its grams keep the 20 passages where
    // they weigh most (the shortest), so those come back with the same cosine as in an uncapped index.
    const fillers = ['coopération', 'frontières', 'passeurs', 'victimes', 'enquêtes', 'extradition']
    const many = Array.from({ length: 150 }, (_, i) => ({
      id: `p${i}`,
      text: `Les États devraient agir ${Array.from({ length: i % 30 }, (_, j) => fillers[(i + j) % fillers.length]).join(' ')}`,
    }))
    const capped = NgramIndex.build(many, { maxPostingsPerGram: 20 })
    const exact = NgramIndex.build(many, { maxPostingsPerGram: 1000 })
    expect(capped.search('devraient', 10)).toEqual(exact.search('devraient', 10))
    expect(capped.search('devraient', 10).map(([id]) => Number(id.slice(1)) % 30)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    // Each of its grams keeps exactly 20 postings, the same 20 (its impact orders the passages alike in every gram).
    expect(capped.search('devraient', 1000)).toHaveLength(20)
    expect(exact.search('devraient', 1000)).toHaveLength(150)
    const reloaded = NgramIndex.fromBinary(Buffer.concat(capped.toBinary()), many.map((p) => p.id))
    expect(reloaded.search('devraient agir', 30)).toEqual(capped.search('devraient agir', 30))
  })

  it('coverage is the share of the query found, whatever the passage length; the cosine falls with length', () => {
    const short = { id: 'short', text: 'Blanchiment.' }
    const long = { id: 'long', text: 'Le blanchiment du produit du crime, la corruption et la fraude documentaire aux frontières.' }
    const other = { id: 'other', text: 'Une planche de bois.' }
    const q = NgramIndex.build([short, long, other]).query('blanchiment')
    expect(q.coverage('short')).toBeCloseTo(1, 6)
    expect(q.coverage('long')).toBeCloseTo(1, 6)
    expect(q.cosine('long')).toBeLessThan(q.cosine('short'))
    expect(q.coverage('other')).toBeGreaterThan(0)
    expect(q.coverage('other')).toBeLessThan(0.2)
    expect(q.matches(0.5).sort()).toEqual(['long', 'short'])
    expect(q.matches(0.01).sort()).toEqual(['long', 'other', 'short'])
    expect(q.coverage('nowhere')).toBe(0)
    expect(q.cosine('nowhere')).toBe(0)
  })

  it('past its deadline reads only the rarest gram, and counts the grams it left out', () => {
    const full = theIndex().query('itinéraires empruntés')
    const cut = theIndex().query('itinéraires empruntés', -Infinity)
    expect(full.gramsLeftOut).toBe(0)
    // Every distinct gram of the two folded words is in the index (the passage holds them): all but one left out.
    const grams = new Set([...wordGrams('itineraires'), ...wordGrams('empruntes')])
    expect(cut.gramsLeftOut).toBe(grams.size - 1)
    // One gram found in one passage only: that passage alone, whose cosine with a one-gram query is below 1.
    expect(cut.top(10).map(([id]) => id)).toEqual(['itineraires'])
    expect(full.top(1)[0]).toEqual(['itineraires', expect.any(Number)])
  })

  it('refuses bad options with a message that says the range', () => {
    expect(() => NgramIndex.build(passages, { minGram: 6, maxGram: 4 })).toThrow(/minGram and maxGram/)
  })
})

describe('NgramIndex serialisation', () => {
  const queries = ['protectoin', 'mise en oeuvre', 'États parties', 'enquêtes', 'grou pes', 'coopération']
  const passageIds = passages.map((p) => p.id)
  const theFile = () => Buffer.concat(theIndex().toBinary())

  it('gives identical rankings when read back from its file', () => {
    const file = theFile()
    const loaded = NgramIndex.fromBinary(file, passageIds)
    for (const query of queries) expect(loaded.search(query, 10)).toEqual(theIndex().search(query, 10))
    expect(loaded.size).toBe(passages.length)
  })

  it('gives the same index from words the build already cut as from texts', () => {
    const file = theFile()
    const words: string[] = []
    const starts = [0]
    const tokens: number[] = []
    for (const p of passages) {
      for (const { term } of tokenize(p.text)) if (!isStopWord(term)) tokens.push(words.includes(term) ? words.indexOf(term) : words.push(term) - 1)
      starts.push(tokens.length)
    }
    const fromWords = NgramIndex.fromWords(passageIds, words, Uint32Array.from(starts), Uint32Array.from(tokens))
    expect(Buffer.concat(fromWords.toBinary()).equals(file)).toBe(true)
  })

  it('refuses another format version, another corpus and damaged data with INDEX_CORRUPT', () => {
    const file = theFile()
    const corrupt = expect.objectContaining({ code: 'INDEX_CORRUPT' })
    const otherVersion = Buffer.from(file)
    const header = otherVersion.toString('latin1', 12, 12 + otherVersion.readUInt32LE(8))
    otherVersion.write(header.replace(/"version":\d+/, '"version":9'), 12, 'latin1')
    expect(() => NgramIndex.fromBinary(otherVersion, passageIds)).toThrow(corrupt)
    expect(() => NgramIndex.fromBinary(otherVersion, passageIds)).toThrow(/version 9 .*npm run index/)
    expect(() => NgramIndex.fromBinary(file, passageIds.slice(1))).toThrow(/built for 7 passages, the corpus has 6/)
    expect(() => NgramIndex.fromBinary(file.subarray(0, file.length - 10), passageIds)).toThrow(corrupt)
    expect(() => NgramIndex.fromBinary(Buffer.from('{"serializationVersion":2}'), passageIds)).toThrow(corrupt)
  })
})
