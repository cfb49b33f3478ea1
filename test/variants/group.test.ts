import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/text/analyzer.js'
import { bandKeys, groupVariants, stemSets, variantComponents, type VariantSource } from '../../src/variants/group.js'
import { stockCorpus } from './stock-corpus.js'

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

describe('groupVariants', () => {
  const text = 'les états parties devraient renforcer la coopération judiciaire internationale en matière de confiscation des avoirs criminels'
  const passages: VariantSource[] = [
    { id: 'a.p1', docId: 'a', text },
    { id: 'b.p9', docId: 'b', text: text.replace('renforcer', 'améliorer') }, // Jaccard 0.83 with a.p1
    { id: 'a.p2', docId: 'a', text }, // same document as a.p1: joins only through b.p9
    { id: 'c.p1', docId: 'c', text: 'les états parties devraient protéger les droits des migrants objet d’un trafic et leur porter assistance' },
    { id: 'd.p1', docId: 'd', text: 'Six réunions ont eu lieu.' }, // too few content words to judge
    { id: 'e.p1', docId: 'e', text: 'Six réunions ont eu lieu.' },
  ]

  it('groups restatements across documents, oldest first, named after the oldest; never short passages', () => {
    const order = ['b.p9', 'a.p1', 'a.p2', 'c.p1', 'd.p1', 'e.p1']
    const groups = groupVariants(passages, (x, y) => order.indexOf(x) - order.indexOf(y))
    expect(groups).toEqual([{ id: 'b.p9', members: ['b.p9', 'a.p1', 'a.p2'] }])
  })

  it('never groups two passages of one document with each other alone', () => {
    expect(groupVariants([passages[0]!, passages[2]!], byId)).toEqual([])
  })

  it('keeps a pair just under the threshold apart and joins it just above', () => {
    // 11 content stems each, 7 shared: Jaccard 7 / 15 = 0.47; with 9 shared of 11: 9 / 13 = 0.69.
    const base = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo'
    const far = { id: 'y.p1', docId: 'y', text: base.replace(/india juliet kilo|hotel /g, (m) => (m === 'hotel ' ? 'lima ' : 'mike novembre oscar')) }
    const near = { id: 'z.p1', docId: 'z', text: base.replace('juliet kilo', 'papa quebec') }
    expect(groupVariants([{ id: 'x.p1', docId: 'x', text: base }, far], byId)).toEqual([])
    expect(groupVariants([{ id: 'x.p1', docId: 'x', text: base }, near], byId)).toEqual([{ id: 'x.p1', members: ['x.p1', 'z.p1'] }])
  })

  it('refuses a threshold outside (0, 1]', () => {
    const sets = stemSets(passages)
    expect(() => variantComponents(sets, bandKeys(sets), { threshold: 0 })).toThrow(/threshold must be in/)
  })
})

describe('variantComponents against every pair compared', () => {
  // The large-bucket corpus of stock-corpus.ts: 2,400 passages in 400 documents.
  const passages = stockCorpus(20240601, 2400, (i) => i % 400)

  it('joins only passages connected by pairs at or above the threshold, and finds the connections all pairs give', () => {
    // Every pair compared, over term ids in increasing order: the oracle the MinHash candidates must agree with.
    const termIds = new Map<string, number>()
    const sets = passages.map((p) => Int32Array.from(new Set(analyze(p.text).map((t) => termIds.get(t) ?? (termIds.set(t, termIds.size), termIds.size - 1)))).sort())
    const exact = new UnionFind(passages.length)
    let similarPairs = 0
    for (let i = 0; i < passages.length; i++) {
      for (let j = i + 1; j < passages.length; j++) {
        const [x, y] = [sets[i]!, sets[j]!]
        if (passages[i]!.docId === passages[j]!.docId || x.length < 5 || y.length < 5) continue
        let shared = 0
        for (let a = 0, b = 0; a < x.length && b < y.length; ) {
          if (x[a] === y[b]) shared++, a++, b++
          else if (x[a]! < y[b]!) a++
          else b++
        }
        if (shared / (x.length + y.length - shared) >= 0.55) {
          similarPairs++
          exact.union(i, j)
        }
      }
    }
    expect(similarPairs).toBeGreaterThan(50_000) // the buckets really are large

    const stems = stemSets(passages)
    const roots = variantComponents(stems, bandKeys(stems))
    const partition = (rootOf: (i: number) => number) => {
      const members = new Map<number, number[]>()
      passages.forEach((_, i) => members.set(rootOf(i), [...(members.get(rootOf(i)) ?? []), i]))
      return [...members.values()].map((m) => m.join(',')).sort()
    }
    expect(partition((i) => roots[i]!)).toEqual(partition((i) => exact.find(i)))
  })
})

class UnionFind {
  private readonly parent: number[]
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i)
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]!]!
    return i
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b)
  }
}
