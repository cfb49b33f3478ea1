// Variant groups as search sees them: looked up by passage, collapsed in a ranked list, summarised in a hit.
// The groups themselves are found by `src/variants/group.ts`, below both the index build and the engine.

import type { Citation, VariantSummary } from '../types.js'
import type { VariantGroup } from '../variants/group.js'

/** Groups looked up by passage. */
export class VariantIndex {
  private readonly byPassage = new Map<string, VariantGroup>()

  constructor(readonly groups: readonly VariantGroup[]) {
    for (const group of groups) for (const id of group.members) this.byPassage.set(id, group)
  }

  /** The group of a passage, or null when no other document restates it. */
  groupOf(id: string): VariantGroup | null {
    return this.byPassage.get(id) ?? null
  }

  /** Keeps the best-ranked member of each group (the first one met) and drops the others. */
  collapse<T extends { id: string }>(ranked: readonly T[]): T[] {
    const shown = new Set<string>()
    return ranked.filter((hit) => {
      const group = this.byPassage.get(hit.id)
      if (!group) return true
      if (shown.has(group.id)) return false
      shown.add(group.id)
      return true
    })
  }
}

/** How many other members a search hit lists; `count` still tells the group's size. */
export const VARIANTS_LISTED = 10

/** A group as one of its members shows it in search results. */
export function variantSummary(group: VariantGroup, id: string, citation: (id: string) => Citation): VariantSummary {
  return {
    group: group.id,
    count: group.members.length,
    also: othersListed(group.members, id).map((member) => {
      const { label, year } = citation(member)
      return { id: member, label, year }
    }),
  }
}

// The first members other than `id`, without walking a large group whole.
function othersListed(members: readonly string[], id: string): string[] {
  const listed: string[] = []
  for (const member of members) {
    if (listed.length === VARIANTS_LISTED) break
    if (member !== id) listed.push(member)
  }
  return listed
}
