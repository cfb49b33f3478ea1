// Every gram's postings as the build state stores them between builds: its arrays as named sections, read back as
// views over the state file (the build copies what it keeps of them; an add reads most of them once).

import type { SectionArray } from '../binary/sections.js'
import type { GramPostings } from './ngram-postings.js'

/** The sections of `GramPostings` in the state, in the order they are written, with their types. */
export const GRAM_STATE_SECTIONS = {
  gramBytes: Uint8Array,
  gramEnds: Uint32Array,
  gramSlots: Int32Array,
  gramStarts: Uint32Array,
  postings: Uint8Array,
  restStarts: Uint32Array,
  rest: Uint8Array,
  groupStarts: Uint32Array,
  groupEnds: Uint32Array,
  groupCounts: Uint32Array,
  groupLasts: Uint32Array,
  counts: Uint32Array,
  lasts: Uint32Array,
  norms: Float32Array,
} as const

/** The sections to write for `postings` (the state's meta keeps `passages` and `cap`). */
export function gramStateSections(postings: GramPostings): Record<string, SectionArray> {
  const g = postings
  const sections: Record<keyof typeof GRAM_STATE_SECTIONS, SectionArray> = {
    gramBytes: g.grams.bytes, gramEnds: g.grams.ends, gramSlots: g.grams.slots, gramStarts: g.starts, postings: g.bytes,
    restStarts: g.restStarts, rest: g.rest, groupStarts: g.groupStarts, groupEnds: g.groupEnds, groupCounts: g.groupCounts,
    groupLasts: g.groupLasts, counts: g.counts, lasts: g.lasts, norms: g.norms,
  }
  return sections
}

/**
 * The postings of the sections `section(name)` gives (of the types `GRAM_STATE_SECTIONS` lists), over `passages`
 * passages and grouped for `cap`. Throws RangeError when their lengths do not fit together.
 */
export function gramPostingsFromState(section: (name: keyof typeof GRAM_STATE_SECTIONS) => SectionArray, passages: number, cap: number): GramPostings {
  const u8 = (name: keyof typeof GRAM_STATE_SECTIONS) => section(name) as Uint8Array
  const u32 = (name: keyof typeof GRAM_STATE_SECTIONS) => section(name) as Uint32Array
  const grams = { bytes: u8('gramBytes'), ends: u32('gramEnds'), slots: section('gramSlots') as Int32Array }
  const count = grams.ends.length
  const postings: GramPostings = {
    grams,
    starts: u32('gramStarts'), bytes: u8('postings'), restStarts: u32('restStarts'), rest: u8('rest'),
    groupStarts: u32('groupStarts'), groupEnds: u32('groupEnds'), groupCounts: u32('groupCounts'), groupLasts: u32('groupLasts'),
    counts: u32('counts'), lasts: u32('lasts'), passages, norms: section('norms') as Float32Array, cap,
  }
  const { starts, restStarts, groupStarts } = postings
  const fits =
    starts.length === count + 1 && restStarts.length === count + 1 && groupStarts.length === count + 1 &&
    postings.counts.length === count && postings.lasts.length === count && postings.norms.length === passages &&
    starts[count] === postings.bytes.length && restStarts[count] === postings.rest.length &&
    groupStarts[count] === postings.groupEnds.length && postings.groupCounts.length === postings.groupEnds.length &&
    postings.groupLasts.length === postings.groupEnds.length && (grams.ends[count - 1] ?? 0) === grams.bytes.length
  if (!fits) throw new RangeError('ngram: the stored postings do not fit together.')
  return postings
}
