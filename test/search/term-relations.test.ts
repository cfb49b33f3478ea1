// Query words a passage holds only in another form — a word of the same family, or a thesaurus synonym — read as
// two features of the learned fusion, on a real index of hand-written passages and the shipped thesaurus.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { keywordDocument, ngramDocument } from '../../src/index/build.js'
import { KeywordIndex } from '../../src/index/keyword.js'
import { Engine } from '../../src/search/engine.js'
import { F } from '../../src/search/features.js'
import { familyTerms, loadThesaurus, synonymTerms, TermRelations } from '../../src/search/term-relations.js'
import { NgramIndex } from '../../src/semantic/ngram.js'
import type { DocumentMeta, Passage } from '../../src/types.js'

const texts = [
  'La protection des témoins est assurée par la loi.',
  'Il faut protéger les témoins et leurs familles.',
  'Les témoins ont été entendus par le tribunal.',
  'Des visas onéreux découragent les voies légales.',
  'Des visas délivrés aux frontières.',
]
const passages: Passage[] = texts.map((text, order) => ({
  id: `p${order}`, docId: 'd', file: 'd.pdf', paragraph: String(order + 1), section: [], start: 0, end: text.length, text, kind: 'narrative', order,
}))
const index = KeywordIndex.build(passages.map(keywordDocument))
const idOf = (term: string) => index.termId(term)

describe('familyTerms and synonymTerms', () => {
  it('a family shares the first five letters of the stem: protect → proteg, not itself, not temoin', () => {
    // Stems: protection → protect, protéger → proteg, témoins → temoin.
    expect(familyTerms(index, 'protect')).toEqual([idOf('proteg')])
    expect(familyTerms(index, 'proteg')).toEqual([idOf('protect')])
    expect(familyTerms(index, 'temoin')).toEqual([])
  })

  it('four letters make a family when either stem is short; shorter stems have none', () => {
    // légales → legal (five letters): légat (legat) shares four with it; délibérer shares four with délivrés (delivr),
    // both longer than five: no family.
    expect(idOf('legal')).toBeGreaterThanOrEqual(0)
    expect(familyTerms(index, 'legat')).toEqual([idOf('legal')])
    expect(idOf('delivr')).toBeGreaterThanOrEqual(0)
    expect(familyTerms(index, 'deliber')).toEqual([])
    expect(familyTerms(index, 'vis')).toEqual([])
  })

  it('the shipped thesaurus is keyed by today\'s stems: cher → onéreux (stem oner), simple → abordable (abord)', () => {
    const thesaurus = loadThesaurus()
    expect(thesaurus.get('cher')).toContain('oner')
    expect(thesaurus.get('simpl')).toContain('abord')
    expect(synonymTerms(index, 'cher', thesaurus)).toEqual([idOf('oner')])
  })

  it('a thesaurus that cannot be read says which file and how to make it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctoc-thesaurus-'))
    try {
      const file = join(dir, 'thesaurus.tsv.gz')
      writeFileSync(file, 'not gzip')
      expect(() => loadThesaurus(file)).toThrow(/thesaurus .*thesaurus\.tsv\.gz cannot be read.*build-thesaurus/)
      expect(() => loadThesaurus(join(dir, 'missing.gz'))).toThrow(/missing\.gz cannot be read/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('TermRelations.shares', () => {
  // A hand-written thesaurus (a fake of the shipped one): the test says which synonyms exist.
  const fakeThesaurus = new Map([['cher', ['oner']]])
  it('counts a term the passage lacks but holds a relative of, weighted by IDF', () => {
    const relations = new TermRelations(index, [{ stem: 'protect', idf: 3 }, { stem: 'cher', idf: 1 }], fakeThesaurus)
    expect(relations.shares(1, new Set())).toEqual([3 / 4, 0]) // protéger for protection
    expect(relations.shares(3, new Set())).toEqual([0, 1 / 4]) // onéreux for cher
    expect(relations.shares(2, new Set())).toEqual([0, 0])
  })

  it('a term the passage already matches counts for nothing', () => {
    const relations = new TermRelations(index, [{ stem: 'protect', idf: 3 }, { stem: 'cher', idf: 1 }], fakeThesaurus)
    expect(relations.shares(1, new Set([0]))).toEqual([0, 0])
  })

  it('prepared for the candidates, it reads the same shares; a passage it was not prepared for is still read right', () => {
    const prepared = new TermRelations(index, [{ stem: 'protect', idf: 3 }, { stem: 'cher', idf: 1 }], fakeThesaurus)
    prepared.prepare([0, 1, 2])
    expect([0, 1, 2].map((doc) => prepared.shares(doc, new Set()))).toEqual([[0, 0], [3 / 4, 0], [0, 0]])
    expect(prepared.shares(3, new Set())).toEqual([0, 1 / 4])
  })

  it('a relative held by many passages is searched for in each candidate instead: the same shares', () => {
    // protéger in 20 of 40 passages: more postings than 16 steps a candidate for one candidate, so each candidate is
    // looked up in them rather than the postings walked.
    const many = Array.from({ length: 40 }, (_, i) => (i % 2 ? 'Il faut protéger les témoins.' : 'Les témoins ont été entendus.'))
    const large = KeywordIndex.build(many.map((text, order) => keywordDocument({ ...passages[0]!, id: `q${order}`, text, order })))
    const relations = new TermRelations(large, [{ stem: 'protect', idf: 2 }, { stem: 'temoin', idf: 2 }], fakeThesaurus)
    relations.prepare([3])
    expect(relations.shares(3, new Set([1]))).toEqual([1 / 2, 0])
    relations.prepare([4])
    expect(relations.shares(4, new Set([1]))).toEqual([0, 0])
  })

  it('relatives are remembered per thesaurus: another thesaurus reads its own synonyms', () => {
    expect(new TermRelations(index, [{ stem: 'cher', idf: 1 }], fakeThesaurus).shares(3, new Set())).toEqual([0, 1])
    expect(new TermRelations(index, [{ stem: 'cher', idf: 1 }], new Map()).shares(3, new Set())).toEqual([0, 0])
  })
})

describe('the family and synonyms features of a hybrid search', () => {
  // Read inside the tests (memoised), not in a beforeAll: Stryker counts code run outside a test as static.
  let read: Promise<Map<string, Float64Array>> | undefined
  const featureRows = () => (read ??= (async () => {
    const document: DocumentMeta = { id: 'd', file: 'd.pdf', symbol: 'D', title: 'D', date: '', year: null, meeting: '', kind: 'meeting-report', sha256: '' }
    const engine = new Engine({ documents: [document], passages, keyword: index, ngram: NgramIndex.build(passages.map(ngramDocument)), fusion: { method: 'weighted', weights: {} } })
    const read = async (q: string) => {
      const { ids, rows } = await engine.fusionCandidates({ q })
      return ids.map((id, i) => [`${q}:${id}`, rows[i]!] as const)
    }
    return new Map([...(await read('protection des témoins')), ...(await read('visas chers'))])
  })())

  it('protéger stands for protection only where protection is missing', async () => {
    const rows = await featureRows()
    expect(rows.get('protection des témoins:p1')![F.family]).toBeGreaterThan(0)
    expect(rows.get('protection des témoins:p0')![F.family]).toBe(0)
    expect(rows.get('protection des témoins:p2')![F.family]).toBe(0)
  })

  it('onéreux stands for chers through the shipped thesaurus', async () => {
    const rows = await featureRows()
    expect(rows.get('visas chers:p3')![F.synonyms]).toBeGreaterThan(0)
    expect(rows.get('visas chers:p4')![F.synonyms]).toBe(0)
  })
})
