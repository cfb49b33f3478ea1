// The match set as bits: its count, emptiness and listings against a plain set of the same numbers, on sizes that
// end inside a word and sets whose numbers sit on word edges (0, 31, 32, the last).

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Bitset } from '../../src/index/bitset.js'

const sets = fc.integer({ min: 1, max: 300 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    numbers: fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: size - 1 }), fc.constantFrom(0, Math.min(31, size - 1), Math.min(32, size - 1), size - 1)), { maxLength: size }),
  }),
)

describe('a bitset', () => {
  it('counts, lists and says empty exactly the numbers put in, ascending', () => {
    fc.assert(
      fc.property(sets, ({ size, numbers }) => {
        const set = Bitset.of(size, numbers)
        const expected = [...new Set(numbers)].sort((a, b) => a - b)
        expect(set.count()).toBe(expected.length)
        expect(set.isEmpty()).toBe(expected.length === 0)
        expect([...set.toArray()]).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('is empty when every number was taken out again', () => {
    const set = Bitset.of(100, [3, 64, 99])
    for (const n of [3, 64]) set.delete(n)
    expect(set.isEmpty()).toBe(false)
    set.delete(99)
    expect(set.isEmpty()).toBe(true)
    expect(set.count()).toBe(0)
    expect([...set.toArray()]).toEqual([])
  })
})

// Sets of a few numbers keep the list of their words in use and pass over those only; a set that fills past one
// word in sixteen (at least eight words) drops it. Every operation is checked against a plain set, with operands of
// both kinds in both places: a few numbers, many, every number (`full`) and bits handed in (`new Bitset(size, words)`).
const operations = fc.integer({ min: 1, max: 3000 }).chain((size) => {
  const number = fc.integer({ min: 0, max: size - 1 })
  const operand = fc.oneof(
    fc.record({ kind: fc.constant('few' as const), numbers: fc.array(number, { maxLength: 12 }) }),
    fc.record({ kind: fc.constant('many' as const), numbers: fc.array(number, { minLength: 20, maxLength: 400 }) }),
    fc.record({ kind: fc.constant('full' as const) }),
    fc.record({ kind: fc.constant('words' as const), numbers: fc.array(number, { maxLength: 12 }) }),
  )
  const step = fc.oneof(
    fc.record({ op: fc.constant('add' as const), n: number }),
    fc.record({ op: fc.constant('delete' as const), n: number }),
    fc.record({ op: fc.constant('addAll' as const), numbers: fc.array(number, { maxLength: 60 }) }),
    fc.record({ op: fc.constantFrom('and' as const, 'or' as const, 'andNot' as const), other: operand }),
    fc.record({ op: fc.constant('clone' as const) }),
  )
  return fc.record({ size: fc.constant(size), start: operand, steps: fc.array(step, { maxLength: 12 }) })
})

type Operand = { kind: 'few' | 'many' | 'words'; numbers: number[] } | { kind: 'full' }

function made(size: number, operand: Operand): [Bitset, Set<number>] {
  if (operand.kind === 'full') return [Bitset.full(size), new Set(Array.from({ length: size }, (_, n) => n))]
  const expected = new Set(operand.numbers)
  if (operand.kind !== 'words') return [Bitset.of(size, operand.numbers), expected]
  const words = new Uint32Array((size + 31) >>> 5)
  for (const n of operand.numbers) words[n >>> 5]! |= 1 << (n & 31)
  return [new Bitset(size, words), expected]
}

describe('a bitset of few numbers or many', () => {
  it('holds after any operations exactly what a plain set holds, and lists every word in use', () => {
    fc.assert(
      fc.property(operations, ({ size, start, steps }) => {
        let [set, expected] = made(size, start)
        for (const step of steps) {
          if (step.op === 'add') (set.add(step.n), expected.add(step.n))
          else if (step.op === 'delete') (set.delete(step.n), expected.delete(step.n))
          else if (step.op === 'addAll') (set.addAll(step.numbers), step.numbers.forEach((n) => expected.add(n)))
          else if (step.op === 'clone') {
            const copy = set.clone()
            set.add(0) // the copy's own bits: changing the original leaves it as it was
            set = copy
          } else {
            const [other, theirs] = made(size, step.other)
            set[step.op](other)
            if (step.op === 'and') expected = new Set([...expected].filter((n) => theirs.has(n)))
            else if (step.op === 'or') theirs.forEach((n) => expected.add(n))
            else theirs.forEach((n) => expected.delete(n))
          }
        }
        const ascending = [...expected].sort((a, b) => a - b)
        expect([...set.toArray()]).toEqual(ascending)
        expect(set.count()).toBe(ascending.length)
        expect(set.isEmpty()).toBe(ascending.length === 0)
        const visited: number[] = []
        set.forEach((n) => visited.push(n))
        expect(visited).toEqual(ascending)
        const inUse = set.wordsInUse()
        if (inUse !== null) {
          expect([...inUse]).toEqual([...new Set(inUse)].sort((a, b) => a - b))
          for (const n of ascending) expect(inUse).toContain(n >>> 5)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('keeps the list of its words while few are in use, and drops it once many are', () => {
    const size = 32 * 1000
    const few = Bitset.of(size, [5, 8_000, 31_999, 64])
    expect(few.wordsInUse()).toEqual([0, 2, 250, 999])
    const many = Bitset.of(size, Array.from({ length: 100 }, (_, i) => i * 320))
    expect(many.wordsInUse()).toBeNull()
    expect(Bitset.full(size).wordsInUse()).toBeNull()
    // An intersection with a set of few numbers has few: it lists them again.
    expect(Bitset.full(size).and(few).wordsInUse()).toEqual([0, 2, 250, 999])
  })
})
