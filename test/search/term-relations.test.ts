// Query words a passage holds only in another form — a word of the same family, or a thesaurus synonym — read as
// two features of the learned fusion, on a real index of hand-written passages and the shipped thesaurus.

import { gzipSync } from 'node:zlib'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { keywordDocument, ngramDocument } from '../../src/index/build.js'
import { KeywordIndex } from '../../src/index/keyword.js'
import { Engine } from '../../src/search/engine.js'
import { F } from '../../src/search/features.js'
import { defaultThesaurusFile, familyTerms, loadThesaurus, synonymTerms, TermRelations } from '../../src/search/term-relations.js'
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
  // A new one for each use: the relatives are remembered per index and thesaurus, and a test reading what another
  // found would not count, for Stryker, as reaching the code that found them.
  const fakeThesaurus = () => new Map([['cher', ['oner']]])
  it('counts a term the passage lacks but holds a relative of, weighted by IDF', () => {
    const relations = new TermRelations(index, [{ stem: 'protect', idf: 3 }, { stem: 'cher', idf: 1 }], fakeThesaurus())
    expect(relations.shares(1, new Set())).toEqual([3 / 4, 0]) // protéger for protection
    expect(relations.shares(3, new Set())).toEqual([0, 1 / 4]) // onéreux for cher
    expect(relations.shares(2, new Set())).toEqual([0, 0])
  })

  it('a term the passage already matches counts for nothing', () => {
    const relations = new TermRelations(index, [{ stem: 'protect', idf: 3 }, { stem: 'cher', idf: 1 }], fakeThesaurus())
    expect(relations.shares(1, new Set([0]))).toEqual([0, 0])
  })

  it('prepared for the candidates, it reads the same shares; a passage it was not prepared for is still read right', () => {
    const prepared = new TermRelations(index, [{ stem: 'protect', idf: 3 }, { stem: 'cher', idf: 1 }], fakeThesaurus())
    prepared.prepare([0, 1, 2])
    expect([0, 1, 2].map((doc) => prepared.shares(doc, new Set()))).toEqual([[0, 0], [3 / 4, 0], [0, 0]])
    expect(prepared.shares(3, new Set())).toEqual([0, 1 / 4])
  })

  it('a relative held by many passages is searched for in each candidate instead: the same shares', () => {
    // protéger in 20 of 40 passages: more postings than 16 steps a candidate for one candidate, so each candidate is
    // looked up in them rather than the postings walked.
    const many = Array.from({ length: 40 }, (_, i) => (i % 2 ? 'Il faut protéger les témoins.' : 'Les témoins ont été entendus.'))
    const large = KeywordIndex.build(many.map((text, order) => keywordDocument({ ...passages[0]!, id: `q${order}`, text, order })))
    const relations = new TermRelations(large, [{ stem: 'protect', idf: 2 }, { stem: 'temoin', idf: 2 }], fakeThesaurus())
    relations.prepare([3])
    expect(relations.shares(3, new Set([1]))).toEqual([1 / 2, 0])
    relations.prepare([4])
    expect(relations.shares(4, new Set([1]))).toEqual([0, 0])
  })

  it('long runs on either side are leapt over, landing on the next holder: the holders and no others', () => {
    // 200 passages. First, protéger in four of them and every passage a candidate (given backwards, one twice): long
    // runs of candidates to leap over. Then protéger in all but the multiples of 10 and five candidates: long runs of
    // postings to leap over.
    const indexWith = (holds: (i: number) => boolean) =>
      KeywordIndex.build(Array.from({ length: 200 }, (_, order) => keywordDocument({ ...passages[0]!, id: `q${order}`, text: holds(order) ? 'Il faut protéger les témoins.' : 'Les témoins ont été entendus.', order })))
    const holdersAmong = (large: KeywordIndex, candidates: number[]) => {
      const relations = new TermRelations(large, [{ stem: 'protect', idf: 1 }], fakeThesaurus())
      relations.prepare(candidates)
      return [...new Set(candidates)].filter((doc) => relations.shares(doc, new Set())[0] > 0).sort((a, b) => a - b)
    }
    const all = Array.from({ length: 200 }, (_, i) => 199 - i)
    expect(holdersAmong(indexWith((i) => [50, 51, 120, 199].includes(i)), [...all, 120])).toEqual([50, 51, 120, 199])
    expect(holdersAmong(indexWith((i) => i % 10 !== 0), [150, 5, 10, 55, 199, 0])).toEqual([5, 55, 199])
  })

  it('relatives are remembered per thesaurus: another thesaurus reads its own synonyms', () => {
    expect(new TermRelations(index, [{ stem: 'cher', idf: 1 }], fakeThesaurus()).shares(3, new Set())).toEqual([0, 1])
    expect(new TermRelations(index, [{ stem: 'cher', idf: 1 }], new Map()).shares(3, new Set())).toEqual([0, 0])
  })
})

describe('the family and synonyms features of a hybrid search', () => {
  // Read by each test, not in a beforeAll (Stryker counts code run outside a test as static) nor memoised (Stryker
  // would take the search as covered by the first test only).
  const featureRows = async () => {
    const document: DocumentMeta = { id: 'd', file: 'd.pdf', symbol: 'D', title: 'D', date: '', year: null, meeting: '', kind: 'meeting-report', sha256: '' }
    const engine = new Engine({ documents: [document], passages, keyword: index, ngram: NgramIndex.build(passages.map(ngramDocument)), fusion: { method: 'weighted', weights: {} } })
    const read = async (q: string) => {
      const { ids, rows } = await engine.fusionCandidates({ q })
      return ids.map((id, i) => [`${q}:${id}`, rows[i]!] as const)
    }
    return new Map([...(await read('protection des témoins')), ...(await read('visas chers'))])
  }

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

/** An index of hand-written texts, built inside the test that reads it. */
const indexOf = (texts: string[]) => KeywordIndex.build(texts.map((text, order) => keywordDocument({ id: `p${order}`, docId: 'd', file: 'd.pdf', paragraph: String(order + 1), section: [], start: 0, end: text.length, text, kind: 'narrative', order })))

describe('familyTerms at its limits', () => {
  it('lists the closest relatives first (most letters shared), ties by term id; a stem four letters in but long is none', () => {
    // Stems: protestation → protest, protéger → proteg, protecteur → protecteur, protocole → protocol.
    const family = indexOf(['La protestation.', 'Protéger.', 'Le protecteur.', 'Le protocole.'])
    const id = (term: string) => family.termId(term)
    expect(familyTerms(family, 'protect')).toEqual([id('protecteur'), id('protest'), id('proteg')])
    expect(id('protest')).toBeLessThan(id('proteg'))
    const reversed = indexOf(['Protéger.', 'La protestation.'])
    expect(familyTerms(reversed, 'protect')).toEqual([reversed.termId('proteg'), reversed.termId('protest')])
  })

  it('keeps at most 32, the closest', () => {
    // 40 invented words of stem trafic + two letters + k (the stemmer leaves them whole), and trafiquer (trafiqu: five letters shared).
    const letters = 'bcdfghjlmnpqrstvwxz'
    const words = Array.from({ length: 40 }, (_, i) => `trafic${letters[i % letters.length]}${letters[Math.floor(i / letters.length)]}k`)
    const family = indexOf(['Trafiquer.', words.join(' ')])
    const relatives = familyTerms(family, 'trafic')
    expect(relatives).toHaveLength(32)
    expect(relatives).not.toContain(family.termId('trafiqu'))
    expect(relatives).toEqual(words.slice(0, 32).map((w) => family.termId(w)))
  })

  it('four letters are a family only for a stem or a term of at most five; three are never', () => {
    // migrants → migr, migration → migrat, légales → legal.
    const family = indexOf(['Les migrants.', 'La migration.', 'Les voies légales.'])
    expect(familyTerms(family, 'migr')).toEqual([family.termId('migrat')])
    expect(familyTerms(family, 'migrat')).toEqual([family.termId('migr')])
    expect(familyTerms(family, 'leg')).toEqual([])
    expect(familyTerms(family, 'mi')).toEqual([])
  })
})

describe('the thesaurus file', () => {
  it('reads stem, tab, synonyms; skips comments, lines without a key or a tab, and reads a last line without a line break', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctoc-thesaurus-'))
    try {
      const file = join(dir, 'thesaurus.tsv.gz')
      writeFileSync(file, gzipSync('\n# comment\tignored\ncher\toner cout\n\tnokey\nnotab\nsimpl\tabord facil'))
      const read = loadThesaurus(file)
      expect(read.get('cher')).toEqual(['oner', 'cout'])
      expect(read.get('simpl')).toEqual(['abord', 'facil'])
      for (const key of ['# comment', '', 'notab', 'notab\nsimpl', '\ncher', '\n# comment']) expect(read.get(key), JSON.stringify(key)).toBeUndefined()
      // Another file is read afresh each time and never taken for the shipped one.
      writeFileSync(file, gzipSync('cher\tzzz'))
      expect(loadThesaurus(file).get('cher')).toEqual(['zzz'])
      expect(loadThesaurus().get('cher')).not.toContain('zzz')
      expect(loadThesaurus()).toBe(loadThesaurus(defaultThesaurusFile))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('keeps the reason a file cannot be read as the cause', () => {
    const error = (() => {
      try {
        loadThesaurus('/nonexistent/thesaurus.tsv.gz')
      } catch (e) {
        return e as Error
      }
    })()
    expect((error!.cause as NodeJS.ErrnoException).code).toBe('ENOENT')
  })
})

describe('TermRelations at its limits', () => {
  const noSynonyms = () => new Map<string, string[]>()

  it('a synonym that is the index\'s first term (id 0) counts', () => {
    const known = new Map([['cher', [index.data.terms[0]!]]])
    expect(synonymTerms(index, 'cher', known)).toEqual([0])
  })

  it('a query of no terms, or of terms of no weight, has no share', () => {
    expect(new TermRelations(index, [], noSynonyms()).shares(1, new Set())).toEqual([0, 0])
    expect(new TermRelations(index, [{ stem: 'protect', idf: 0 }], noSynonyms()).shares(1, new Set())).toEqual([0, 0])
  })

  it('prepared for few passages or many, finds exactly the passages holding a relative', () => {
    // proteg is the last new term of p0, so the term numbered after it (zebr) starts in p1, which holds no relative;
    // proteg has 19 postings: more than 16 per prepared passage for one passage, fewer for two.
    const texts = ['Les familles doivent protéger.', 'Les zèbres courent.', ...Array<string>(18).fill('Il faut protéger les témoins.'), 'Des zèbres.']
    const relatives = indexOf(texts)
    expect(relatives.termId('zebr')).toBe(relatives.termId('proteg') + 1)
    const shares = (docs: number[], doc: number) => {
      const relations = new TermRelations(relatives, [{ stem: 'protect', idf: 1 }], noSynonyms())
      relations.prepare(docs)
      return relations.shares(doc, new Set())
    }
    expect(shares([1], 1)).toEqual([0, 0])
    expect(shares([2], 2)).toEqual([1, 0])
    expect(shares([20], 20)).toEqual([0, 0])
    expect(shares([1, 2], 1)).toEqual([0, 0])
    expect(shares([1, 2], 2)).toEqual([1, 0])
    expect(shares([0, 1, 20], 0)).toEqual([1, 0])
  })
})

