import { describe, expect, it } from 'vitest'
import { settledComponents, type PreviousBuild } from '../../src/index/build-previous.js'
import { changedVariantComponents, type StemColumns } from '../../src/variants/changed.js'
import { bandKeys, MINHASH_BANDS, stemSets, variantComponents, type StemSets, type VariantSource } from '../../src/variants/group.js'
import { stockCorpus } from './stock-corpus.js'

// A corpus with large buckets in 60 documents of 20 passages: a document added or removed reaches hundreds of others.
const corpus = stockCorpus(20261201, 1200, (i) => Math.floor(i / 20))

// The passages as the analysed corpus holds them: each stem is a word of its own, written twice, with a stop word
// (no stem) between, so that the stems of a passage must be told apart and sorted again.
function columnsOf(sets: StemSets): StemColumns {
  const count = sets.documents.length
  const stop = sets.termHashes.length
  const textStart = new Uint32Array(count + 1)
  const words: number[] = []
  for (let i = 0; i < count; i++) {
    const stems = Array.from(sets.terms.subarray(sets.offsets[i]!, sets.offsets[i + 1]!)).reverse()
    words.push(...stems, stop, ...stems)
    textStart[i + 1] = words.length
  }
  const stemOf = Int32Array.from({ length: stop + 1 }, (_, w) => (w === stop ? -1 : w))
  return { documents: sets.documents, textStart, textWords: Uint32Array.from(words), stemOf, stems: stop }
}

// The last build's groups as passage numbers, as `variants.bin` stores them.
function storedGroups(roots: Int32Array): PreviousBuild['variants'] {
  const groups = components(roots).filter((members) => members.length > 1)
  let end = 0
  return { members: Uint32Array.from(groups.flat()), ends: Uint32Array.from(groups, (members) => (end += members.length)) }
}

function components(roots: Int32Array): number[][] {
  const members = new Map<number, number[]>()
  roots.forEach((root, i) => (members.get(root) ?? members.set(root, []).get(root)!).push(i))
  return [...members.values()]
}

const partition = (roots: Int32Array) => components(roots).map((m) => m.join(',')).sort()

// One corpus change: the last build over `before`, the passages of `after` numbered `renumber[old]` (−1: gone).
function change(before: VariantSource[], after: VariantSource[]) {
  const setsBefore = stemSets(before)
  const previous = { variants: storedGroups(variantComponents(setsBefore, bandKeys(setsBefore))) } as PreviousBuild
  const numbers = new Map(after.map((p, i) => [p.id, i]))
  const renumber = Int32Array.from(before, (p) => numbers.get(p.id) ?? -1)
  const settled = settledComponents(previous, renumber, after.length)
  const sets = stemSets(after)
  return { sets, keys: bandKeys(sets), settled }
}

describe('changedVariantComponents', () => {
  it('gives the partition variantComponents gives with the same settled components, after an add', () => {
    const at = corpus.findIndex((p) => p.docId === 'd30')
    const { sets, keys, settled } = change([...corpus.slice(0, at), ...corpus.slice(at + 20)], corpus)
    expect(Array.from(settled).filter((s) => s < 0)).toHaveLength(20)
    const changed = changedVariantComponents(columnsOf(sets), keys, settled)
    const whole = variantComponents(sets, keys, {}, settled)
    expect(partition(changed)).toEqual(partition(whole))
    // The added document did join groups: not a partition of singletons that would match anything.
    expect(partition(changed).length).toBeLessThan(corpus.length / 2)
  })

  it('gives the same partition after a remove, where the groups of the passages gone are judged again', () => {
    const after = corpus.filter((p) => p.docId !== 'd7' && p.docId !== 'd49')
    const { sets, keys, settled } = change(corpus, after)
    expect(Array.from(settled).filter((s) => s < 0).length).toBeGreaterThan(100)
    expect(partition(changedVariantComponents(columnsOf(sets), keys, settled))).toEqual(partition(variantComponents(sets, keys, {}, settled)))
  })

  it('keeps settled components whole, even when their members no longer meet', () => {
    const sets = stemSets(corpus.slice(0, 40))
    const settled = new Int32Array(40).fill(-1)
    settled[3] = settled[31] = 7 // a group the last build made, whatever their stems say now
    const roots = changedVariantComponents(columnsOf(sets), bandKeys(sets), settled)
    expect(roots[3]).toBe(roots[31])
  })

  it('refuses keys or labels that do not fit the passages', () => {
    const sets = stemSets(corpus.slice(0, 10))
    expect(() => changedVariantComponents(columnsOf(sets), new Uint32Array(9 * MINHASH_BANDS), new Int32Array(10))).toThrow(/band keys/)
  })
})
