// The gram postings an add starts from come back from the build state as they were written, and postings whose
// arrays do not fit together are refused (the build then makes a full build instead of a wrong index).

import { describe, expect, it } from 'vitest'
import { decodeSections, encodeSections, type SectionArray } from '../../src/binary/sections.js'
import { defaultNgramOptions } from '../../src/semantic/ngram.js'
import { gramPostings } from '../../src/semantic/ngram-postings.js'
import { GRAM_STATE_SECTIONS, gramPostingsFromState, gramStateSections } from '../../src/semantic/ngram-state.js'

const words = ['trafic', 'migrants', 'protection', 'témoins', 'mer']
const passages = Array.from({ length: 40 }, (_, p) => [p % 5, (p * 3) % 5, (p * 7 + 1) % 5])
const options = { ...defaultNgramOptions, maxPostingsPerGram: 7 }
const postings = () => {
  const starts = Uint32Array.from({ length: passages.length + 1 }, (_, p) => 3 * p)
  return gramPostings({ words, starts, tokens: Uint32Array.from(passages.flat()) }, options)
}

/** Writes the sections as a file and reads them back, as the build state does. */
function roundTrip(sections: Record<string, SectionArray>) {
  const file = Buffer.concat(encodeSections('test', 1, {}, sections))
  const stored = decodeSections(file, 'test', 1, 'test')
  return (name: keyof typeof GRAM_STATE_SECTIONS) => stored.section(name, GRAM_STATE_SECTIONS[name] as new (...args: never[]) => SectionArray)
}

describe('the gram postings in the build state', () => {
  it('read back equal to those written, capped grams and their groups included', () => {
    const written = postings()
    expect(written.groupEnds.length).toBeGreaterThan(0)
    expect(gramPostingsFromState(roundTrip(gramStateSections(written)), passages.length, 7)).toEqual(written)
  })

  it('are refused when their arrays do not fit together', () => {
    const written = postings()
    const sections = gramStateSections(written)
    expect(() => gramPostingsFromState(roundTrip({ ...sections, rest: written.rest.subarray(1) }), passages.length, 7)).toThrow(RangeError)
    expect(() => gramPostingsFromState(roundTrip({ ...sections, groupLasts: written.groupLasts.subarray(1) }), passages.length, 7)).toThrow(RangeError)
    expect(() => gramPostingsFromState(roundTrip(sections), passages.length + 1, 7)).toThrow(RangeError)
  })
})
