// GET /passages/:id/variants and /passages/:id/similar: the other wordings of a passage, and passages like it.

import { Hono } from 'hono'
import { SearchError } from '../errors.js'
import type { Engine } from '../search/engine.js'
import { wordDiff } from '../search/diff.js'

/** Largest `k` of /passages/:id/similar. */
export const MAX_SIMILAR = 50
export const DEFAULT_SIMILAR = 5

export function variantRoutes(engine: () => Engine): Hono {
  const routes = new Hono()

  // Oldest first; each wording diffed word by word against the one before it.
  routes.get('/passages/:id/variants', (c) => {
    const current = engine()
    const id = c.req.param('id')
    if (!current.passage(id)) throw notFound(id)
    const group = current.variants.groupOf(id)
    const members = (group?.members ?? [id]).map((member) => current.passage(member)!)
    const variants = members.map(({ passage, citation }, i) => {
      const previous = members[i - 1]
      const { changes, segments } = previous ? wordDiff(previous.passage.text, passage.text) : { changes: [], segments: [{ op: 'equal' as const, text: passage.text }] }
      return { id: passage.id, citation, kind: passage.kind, text: passage.text, changes, diff: segments }
    })
    return c.json({ id, group: group?.id ?? null, variants })
  })

  routes.get('/passages/:id/similar', async (c) => {
    const id = c.req.param('id')
    const k = similarCount(c.req.queries('k'))
    const results = await engine().similar(id, k)
    if (!results) throw notFound(id)
    return c.json({ id, k, results })
  })

  return routes
}

function similarCount(values: string[] | undefined): number {
  if (!values?.length || values[0] === '') return DEFAULT_SIMILAR
  if (values.length > 1) throw new SearchError('BAD_PARAMETER', `The parameter \`k\` is given ${values.length} times; give it once.`)
  const k = values[0]!.trim()
  if (!/^\d{1,3}$/.test(k) || Number(k) < 1 || Number(k) > MAX_SIMILAR) {
    throw new SearchError('BAD_PARAMETER', `\`k\` must be a whole number from 1 to ${MAX_SIMILAR}; got \`${k.slice(0, 40)}\`.`)
  }
  return Number(k)
}

const notFound = (id: string) => new SearchError('NOT_FOUND', `No passage with id \`${id.length > 80 ? `${id.slice(0, 80)}…` : id}\`.`)
