// The learned fusion: the committed model loads and orders hybrid hits, each hit's score is the sum of its features'
// contributions, every feature the model lists is read and weighs, and the features say what they claim.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { keywordDocument, ngramDocument } from '../../src/index/build.js'
import { KeywordIndex } from '../../src/index/keyword.js'
import { defaultFusion, Engine } from '../../src/search/engine.js'
import { F, FEATURES } from '../../src/search/features.js'
import { checkFusionModel, defaultModelFile, fusionModel } from '../../src/search/fusion-model.js'
import { explainRow, FUSION_MODEL_FORMAT, fusionExplanation, learnedFusion, type FusionModel } from '../../src/search/learned-fusion.js'
import { SearchHit } from '../../src/server/responses.js'
import { NgramIndex } from '../../src/semantic/ngram.js'
import type { DocumentMeta, Passage, SearchHit as Hit } from '../../src/types.js'
import { seedEngine } from '../helpers.js'
import { tempDir } from '../temp.js'

// The model file as a test reads it: plain JSON, none of the engine's code.
const file = JSON.parse(readFileSync(defaultModelFile, 'utf8')) as { features: string[]; bias: number; linear?: { weights: number[]; centers: number[] }; trees: unknown[] }

describe('the committed model', () => {
  it('is a linear model over exactly the features the engine computes, each with a weight', () => {
    expect(file.features).toEqual([...FEATURES])
    expect(file.trees).toEqual([])
    expect(file.linear!.weights).toHaveLength(FEATURES.length)
    // A feature listed with no weight would be claimed and ignored.
    for (const [f, w] of file.linear!.weights.entries()) expect(Math.abs(w), FEATURES[f]).toBeGreaterThan(1e-3)
  })

  it('says how it was trained', () => {
    const training = fusionModel().training as { data: string; crossValidation: { folds: number; by: string } }
    expect(training.data).toMatch(/^PIAF/)
    expect(training.crossValidation).toMatchObject({ folds: 5, by: 'judged paragraph' })
  })
})

describe('hybrid search ranks with the model and explains each hit', () => {
  // Searched by each test, not in a beforeAll (Stryker counts code run outside a test as static and re-runs every
  // test for each of its mutants) nor memoised (Stryker would take the search as covered by the first test only).
  const hybridHits = async (): Promise<Hit[]> => (await (await seedEngine()).engine.search({ q: 'protection des témoins', mode: 'hybrid', k: 20 })).results

  it('gives every hybrid hit its features, best score first', async () => {
    const hits = await hybridHits()
    expect(hits).toHaveLength(20)
    for (const hit of hits) expect(Object.keys(hit.fusion!.features)).toEqual([...FEATURES])
    const scores = hits.map((h) => h.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })

  it('a hit\'s score is the bias plus its contributions, each the weight times the value less its center', async () => {
    const hits = await hybridHits()
    const { weights, centers } = file.linear!
    for (const hit of hits) {
      const { bias, features } = hit.fusion!
      let sum = bias
      file.features.forEach((name, f) => {
        const { value, contribution } = features[name]!
        expect(contribution).toBeCloseTo(weights[f]! * (value - centers[f]!), 3)
        sum += contribution
      })
      expect(hit.score).toBeCloseTo(sum, 2)
    }
  })

  it('every feature varies among the candidates: none is left unread', async () => {
    const { engine } = await seedEngine()
    const seen = FEATURES.map(() => new Set<number>())
    for (const q of ['protection des témoins', 'blanchiment d’argent', 'trafic illicite de migrants par mer', 'witness protection']) {
      for (const row of (await engine.fusionCandidates({ q })).rows) row.forEach((v, f) => seen[f]!.add(v))
    }
    for (const [f, values] of seen.entries()) expect(values.size, FEATURES[f]).toBeGreaterThan(1)
  })

  it('re-orders the channels\' first 150 and nothing else: the same matches, every hit shown one of those candidates', async () => {
    const { engine } = await seedEngine()
    const weighted = new Engine({ ...engine.parts, fusion: defaultFusion })
    for (const q of ['protection des témoins', 'trafic illicite de migrants', 'witness protection']) {
      const learned = await engine.search({ q, mode: 'hybrid', k: 100 })
      const channels = await weighted.search({ q, mode: 'hybrid', k: 100 })
      expect(learned.total).toBe(channels.total)
      const candidates = new Set((await engine.fusionCandidates({ q })).ids)
      expect(candidates.size).toBe(Math.min(150, channels.total))
      for (const hit of learned.results) expect(candidates.has(hit.id)).toBe(true)
    }
  })

  it('explains the hits of a later page and of "more like this" too, not only the first page', async () => {
    const { engine } = await seedEngine()
    const hits = await hybridHits()
    const later = (await engine.search({ q: 'protection des témoins', mode: 'hybrid', k: 10, offset: 10 })).results
    expect(later.map((h) => h.id)).toEqual(hits.slice(10).map((h) => h.id))
    expect(later.map((h) => h.fusion)).toEqual(hits.slice(10).map((h) => h.fusion))
    const similar = (await engine.similar(hits[0]!.id, 5))!
    for (const hit of similar) expect(Object.keys(hit.fusion!.features)).toEqual([...FEATURES])
  })

  it('passes the strict response schema', async () => {
    const hits = await hybridHits()
    for (const hit of hits) expect(() => SearchHit.parse(hit)).not.toThrow()
  })

  it('keyword and semantic modes keep their channel scores: no fusion field', async () => {
    const { engine } = await seedEngine()
    for (const mode of ['keyword', 'semantic'] as const) {
      const [first] = (await engine.search({ q: 'protection des témoins', mode, k: 1 })).results
      expect(first!.fusion).toBeUndefined()
    }
  })
})

describe('explainRow and learnedFusion', () => {
  // Two features; a linear part and one tree splitting on the second.
  const model: FusionModel = {
    format: FUSION_MODEL_FORMAT,
    features: ['a', 'b'],
    bias: 0.5,
    linear: { weights: [2, 0], centers: [1, 0] },
    trees: [[[1, 0.5, 1, 2, 0.5], [0.25], [0.75]]],
    training: {},
  }

  it('splits a score into one contribution per feature that add up to it', () => {
    // a: 2 · (3 − 1) = 4; b ≤ 0.5 goes left: 0.25 − 0.5 = −0.25; score 0.5 + 4 − 0.25.
    const { score, contributions } = explainRow(model, [3, 0.2])
    expect(score).toBeCloseTo(4.25)
    expect(Array.from(contributions)).toEqual([4, -0.25])
    expect(explainRow(model, [1, 0.9]).score).toBeCloseTo(0.75)
  })

  it('orders by the model, ties by id, and a feature the model weighs changes the order', () => {
    const hits = ['c', 'b', 'a'].map((id) => ({ id, score: 0, channels: {} }))
    expect(learnedFusion(hits, [[1, 0], [2, 0], [1, 0]], model).map((h) => h.id)).toEqual(['b', 'a', 'c'])
    expect(learnedFusion(hits, [[1, 0.9], [1, 0], [1, 0]], model).map((h) => h.id)).toEqual(['c', 'a', 'b'])
  })

  it('sends a row at exactly a threshold left, reads a split\'s value when the next node is a split, and needs no linear part', () => {
    // b = 0.5 is not above 0.5: left, 0.25 − 0.5.
    expect(explainRow(model, [1, 0.5]).score).toBeCloseTo(0.25, 12)
    // Trees only: bias 1; root splits on a at 0 (value 1) → a split on b at 0.5 (value 3) → leaves 2 and 5.
    const deep: FusionModel = { ...model, linear: undefined, bias: 1, trees: [[[0, 0, 1, 2, 1], [0], [1, 0.5, 3, 4, 3], [2], [5]]] }
    const { score, contributions } = explainRow(deep, [1, 1])
    // a > 0: 1 → 3 (+2 for a); b > 0.5: 3 → 5 (+2 for b).
    expect(Array.from(contributions)).toEqual([2, 2])
    expect(score).toBe(5)
    expect(explainRow(deep, [-1, 1]).score).toBe(0)
  })

  it('breaks ties by id whatever the order the hits come in', () => {
    const ids = ['d', 'b', 'e', 'a', 'c', 'g', 'f']
    const hits = ids.map((id) => ({ id, score: 0, channels: {} }))
    expect(learnedFusion(hits, ids.map(() => [1, 0]), model).map((h) => h.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g'])
  })

  it('keeps each hit\'s row, whose explanation adds up to exactly the score it was ranked by', () => {
    const hits = ['c', 'b', 'a'].map((id) => ({ id, score: 0, channels: {} }))
    const ranked = learnedFusion(hits, [[3, 0.2], [2, 0.9], [1, 0]], model)
    expect(ranked.map((h) => h.score)).toEqual([4.25, 2.75, 0.25])
    for (const hit of ranked) {
      const { bias, features } = fusionExplanation(model, hit.row!)
      expect(bias + features.a!.contribution + features.b!.contribution).toBe(hit.score)
    }
    expect(fusionExplanation(model, ranked[0]!.row!).features).toEqual({ a: { value: 3, contribution: 4 }, b: { value: 0.2, contribution: -0.25 } })
  })
})

describe('checkFusionModel', () => {
  const good = JSON.parse(readFileSync(defaultModelFile, 'utf8')) as Record<string, unknown>
  it('accepts the committed model', () => {
    expect(checkFusionModel(good).features).toEqual([...FEATURES])
  })
  it('refuses a model trained on other features, saying how to retrain', () => {
    expect(() => checkFusionModel({ ...good, features: [...FEATURES].reverse() })).toThrow(/npm run train:fusion/)
  })
  it('refuses another format and a malformed tree', () => {
    expect(() => checkFusionModel({ ...good, format: 'x' })).toThrow(/not a ctoc-fusion-1 file/)
    expect(() => checkFusionModel({ ...good, trees: [[[0, 1, 0, 0, 0]]] })).toThrow(/node 0 is malformed/)
  })
  it('refuses what is no model at all, naming the source', () => {
    for (const value of [null, 'ctoc-fusion-1', 42, { ...good, format: undefined }])
      expect(() => checkFusionModel(value, 'model.json')).toThrow('model.json is not a ctoc-fusion-1 file')
  })
  it('refuses features that are not the engine\'s list, in its order', () => {
    for (const features of [FEATURES.join(), undefined, FEATURES.slice(1), [...FEATURES, 'extra']])
      expect(() => checkFusionModel({ ...good, features })).toThrow(/was trained on other features/)
  })
  it('refuses a model without a numeric bias or a list of trees', () => {
    for (const broken of [{ bias: '0.5' }, { bias: undefined }, { trees: undefined }, { trees: {} }])
      expect(() => checkFusionModel({ ...good, ...broken })).toThrow('the fusion model has no bias or trees')
  })
  it('refuses a linear part without one finite weight and center per feature; accepts trees alone', () => {
    const n = FEATURES.length
    const ones = Array<number>(n).fill(1)
    for (const linear of [
      { weights: ones.slice(1), centers: ones },
      { weights: ones, centers: [...ones, 1] },
      { weights: [...ones.slice(1), Number.NaN], centers: ones },
      { weights: ones, centers: [Infinity, ...ones.slice(1)] },
      { weights: 'ones', centers: ones },
      { weights: ones, centers: undefined },
    ])
      expect(() => checkFusionModel({ ...good, linear })).toThrow(/has a linear part without one finite weight and center per feature/)
    expect(checkFusionModel({ ...good, linear: { weights: ones, centers: ones } }).linear!.weights).toHaveLength(n)
    const treesOnly = { ...good, linear: undefined, trees: [[[0, 0.5, 1, 2, 0.1], [0], [1]]] }
    expect(checkFusionModel(treesOnly).trees).toHaveLength(1)
  })
  it('refuses each malformed tree node, naming its tree and node', () => {
    const last = FEATURES.length - 1
    const tree = (split: unknown[]) => ({ ...good, trees: [[[0, 0.5, 1, 2, 0], [0], [1]], [[0], split, [1], [2]]] })
    // A split at node 1 of tree 1, children 2 and 3: each field out of its range in turn.
    expect(checkFusionModel(tree([last, 0.5, 2, 3, 0])).trees).toHaveLength(2)
    for (const split of [
      [-1, 0.5, 2, 3, 0],
      [last + 1, 0.5, 2, 3, 0],
      [0.5, 0.5, 2, 3, 0],
      [0, Number.NaN, 2, 3, 0],
      [0, 0.5, 1, 3, 0],
      [0, 0.5, 4, 3, 0],
      [0, 0.5, 2, 1, 0],
      [0, 0.5, 2, 4, 0],
      [0, 0.5, 2, 3, Infinity],
      [0, 0.5, 2, 3],
      [Number.NaN],
      [],
    ])
      expect(() => checkFusionModel(tree(split)), JSON.stringify(split)).toThrow(`the fusion model, tree 1, node 1 is malformed: ${JSON.stringify(split)}`)
    expect(() => checkFusionModel({ ...good, trees: [[[1]], []] })).toThrow('the fusion model, tree 1 is empty')
    expect(() => checkFusionModel({ ...good, trees: [{}] })).toThrow('the fusion model, tree 0 is empty')
  })
  it('fusionModel reads another file each time it is asked, and says which file is wrong', async () => {
    const dir = await tempDir('ctoc-model-')
    const file = join(dir, 'model.json')
    writeFileSync(file, JSON.stringify({ ...good, bias: 0.25 }))
    expect(fusionModel(file).bias).toBe(0.25)
    writeFileSync(file, JSON.stringify({ ...good, bias: 0.75 }))
    expect(fusionModel(file).bias).toBe(0.75)
    writeFileSync(file, JSON.stringify({ ...good, format: 'other' }))
    expect(() => fusionModel(file)).toThrow(`${file} is not a ctoc-fusion-1 file`)
    expect(fusionModel()).toBe(fusionModel(defaultModelFile))
  })
})

describe('features, counted by hand on four passages', () => {
  // Read afresh by each test (see hybridHits).
  const featureRows = async () => {
    const texts = [
      'La protection des témoins est assurée par la loi.',
      'Les témoins ont été entendus par le tribunal.',
      'La protection sociale des travailleurs migrants.',
      'Les témoins de la protection civile.',
    ]
    const passages: Passage[] = texts.map((text, order) => ({
      id: `p${order}`, docId: 'd', file: 'd.pdf', paragraph: String(order + 1), section: [], start: 0, end: text.length, text, kind: 'narrative', order,
    }))
    const document: DocumentMeta = { id: 'd', file: 'd.pdf', symbol: 'D', title: 'D', date: '', year: null, meeting: '', kind: 'meeting-report', sha256: '' }
    const engine = new Engine({
      documents: [document],
      passages,
      keyword: KeywordIndex.build(passages.map(keywordDocument)),
      ngram: NgramIndex.build(passages.map(ngramDocument)),
      fusion: { method: 'weighted', weights: {} },
    })
    const { ids, rows } = await engine.fusionCandidates({ q: 'protection des témoins' })
    return new Map(ids.map((id, i) => [id, rows[i]!]))
  }

  it('terms: the share of the query\'s words a passage holds', async () => {
    const rows = await featureRows()
    expect([0, 1, 2, 3].map((i) => rows.get(`p${i}`)![F.terms])).toEqual([1, 0.5, 0.5, 1])
  })

  it('pairs: the query\'s words in its order, close together; window: words found over the words they span', async () => {
    const rows = await featureRows()
    // p0 "protection des témoins": in order, two apart. p3 "témoins de la protection": both, but reversed.
    expect(rows.get('p0')![F.pairs]).toBe(1)
    expect(rows.get('p3')![F.pairs]).toBe(0)
    expect(rows.get('p1')![F.pairs]).toBe(0)
    expect(rows.get('p0')![F.window]).toBeCloseTo(2 / 3)
    expect(rows.get('p3')![F.window]).toBeCloseTo(2 / 4)
    expect(rows.get('p1')![F.window]).toBe(0)
  })

  it('exact: the words as written; length: log of one plus the distinct stems', async () => {
    const rows = await featureRows()
    expect(rows.get('p0')![F.exact]).toBe(1)
    expect(rows.get('p1')![F.exact]).toBeGreaterThan(0)
    expect(rows.get('p1')![F.exact]).toBeLessThan(1)
    expect(rows.get('p2')![F.length]).toBeGreaterThan(0)
  })

  it('fused, keyword and ngram are divided by the candidates\' best', async () => {
    const rows = await featureRows()
    for (const f of [F.fused, F.keyword, F.ngram]) expect(Math.max(...[...rows.values()].map((r) => r[f]!))).toBe(1)
  })
})

describe('sectionOthers in the engine: a section is one heading path of one document', () => {
  const sectionRows = async () => {
    const at = (docId: string, section: string[], text: string, order: number): Passage => ({
      id: `p${order}`, docId, file: `${docId}.pdf`, paragraph: String(order + 1), section, start: 0, end: text.length, text, kind: 'narrative', order,
    })
    const passages = [
      at('d', ['Protection'], 'La protection des témoins est assurée par la loi.', 0),
      at('d', ['Protection'], 'Les témoins ont été entendus par le tribunal.', 1),
      at('d', ['Autre'], 'Les témoins de la protection civile.', 2),
      // The heading of p0 and p1, in another document: another section.
      at('e', ['Protection'], 'La protection sociale des témoins migrants.', 3),
    ]
    const meta = (id: string): DocumentMeta => ({ id, file: `${id}.pdf`, symbol: id, title: id, date: '', year: null, meeting: '', kind: 'meeting-report', sha256: '' })
    const engine = new Engine({
      documents: [meta('d'), meta('e')],
      passages,
      keyword: KeywordIndex.build(passages.map(keywordDocument)),
      ngram: NgramIndex.build(passages.map(ngramDocument)),
      fusion: { method: 'weighted', weights: {} },
    })
    const { ids, rows } = await engine.fusionCandidates({ q: 'protection des témoins' })
    return new Map(ids.map((id, i) => [id, rows[i]!]))
  }

  it('p0 and p1 share a heading: each sees the other; p2 and p3 are alone in theirs', async () => {
    const rows = await sectionRows()
    expect(rows.size).toBe(4)
    const others = (id: string) => rows.get(id)![F.sectionOthers]!
    const ngram = (id: string) => rows.get(id)![F.ngram]!
    expect(ngram('p0')).toBeGreaterThan(0)
    expect(ngram('p1')).toBeGreaterThan(0)
    expect(others('p0')).toBe(ngram('p1'))
    expect(others('p1')).toBe(ngram('p0'))
    expect(others('p2')).toBe(0)
    expect(others('p3')).toBe(0)
  })
})
