// Variant groups as an index file: each group's members as passage numbers, oldest first.

import { decodeSections, encodeSections } from '../binary/sections.js'
import { SearchError } from '../errors.js'
import type { VariantGroup } from '../variants/group.js'

/** Bumped whenever the layout of `variants.bin` changes. */
export const VARIANTS_FILE_VERSION = 1

/** The chunks of `variants.bin` for `groups` over passages numbered by their place in `ids`. */
export function encodeVariants(groups: readonly VariantGroup[], ids: readonly string[]): Uint8Array[] {
  // Passage numbers a group brings are taken when they name its members in `ids`; the rest are looked up.
  const known = (group: VariantGroup): boolean => group.positions?.length === group.members.length && group.positions.every((p, k) => ids[p] === group.members[k])
  let position: Map<string, number> | undefined
  const members = new Uint32Array(groups.reduce((n, g) => n + g.members.length, 0))
  const ends = new Uint32Array(groups.length)
  let n = 0
  groups.forEach((group, g) => {
    if (known(group)) for (const p of group.positions!) members[n++] = p
    else {
      position ??= new Map(ids.map((id, i) => [id, i]))
      for (const id of group.members) members[n++] = position.get(id)!
    }
    ends[g] = n
  })
  return encodeSections('variants', VARIANTS_FILE_VERSION, { passages: ids.length }, { members, ends })
}

/** The groups of `variants.bin` as passage numbers: group g's members are `members[ends[g − 1] .. ends[g]]`. */
export function decodeVariantNumbers(file: Uint8Array, passages: number): { members: Uint32Array; ends: Uint32Array } {
  const stored = decodeSections(file, 'variants', VARIANTS_FILE_VERSION, 'variants.bin')
  if ((stored.meta as { passages?: number } | null)?.passages !== passages) throw corrupt('was built for another corpus')
  return { members: stored.section('members', Uint32Array), ends: stored.section('ends', Uint32Array) }
}

const corrupt = (why: string) => new SearchError('INDEX_CORRUPT', `The index file variants.bin ${why}: rebuild with \`npm run index\`.`)

/** Reads `variants.bin` for passages `ids` (in corpus order). Throws INDEX_CORRUPT when it does not fit them. */
export function decodeVariants(file: Uint8Array, ids: readonly string[]): VariantGroup[] {
  const { members, ends } = decodeVariantNumbers(file, ids.length)
  const groups: VariantGroup[] = []
  let start = 0
  for (const end of ends) {
    if (end < start + 2 || end > members.length) throw corrupt('has a malformed group')
    const group: string[] = []
    for (let i = start; i < end; i++) {
      const id = ids[members[i]!]
      if (id === undefined) throw corrupt('names a passage outside the corpus')
      group.push(id)
    }
    groups.push({ id: group[0]!, members: group })
    start = end
  }
  if (start !== members.length) throw corrupt('has members outside any group')
  return groups
}
