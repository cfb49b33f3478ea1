// The request parameters of the API as zod schemas: they validate every request and are what /openapi.json
// documents, so the documentation cannot drift from what is checked. Every mistake gets a message that names it.

import { z } from '@hono/zod-openapi'
import { MAX_K, MAX_QUERY_LENGTH } from '../search/engine.js'
import { SORT_ORDERS } from '../search/sort.js'

export const MODES = ['hybrid', 'keyword', 'semantic'] as const
export const KINDS = ['recommendation', 'deliberation', 'narrative'] as const
export const MIN_YEAR = 1900
export const MAX_YEAR = 2999
export const MAX_OFFSET = 10_000
/** The parts of a search hit `fields` may ask for; without `fields` a hit has them all (those it has). */
export const HIT_PARTS = ['text', 'scores', 'fusion', 'variants', 'repaired'] as const
export type HitPart = (typeof HIT_PARTS)[number]
/** The parts of a search hit that are always there: what a result is and how to cite it. */
export const HIT_ALWAYS = ['id', 'rank', 'score', 'snippet', 'citation', 'kind'] as const
/** Largest `k` of /passages/:id/similar. */
export const MAX_SIMILAR = 50
export const DEFAULT_SIMILAR = 5

const clip = (value: unknown) => {
  const text = String(value)
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}

/** An absent or empty parameter is the default; a repeated one is refused by the validator's hook (see `validationError`). */
const blankToUndefined = (value: unknown) => (value === '' ? undefined : value)

/** A whole number in a query string, `min`–`max`, optional. */
function wholeNumber(name: string, min: number, max: number, description: string) {
  return z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^\s*\d{1,6}\s*$/, { error: (issue) => `\`${name}\` must be a whole number from ${min} to ${max}; got \`${clip(issue.input)}\`.` })
        .transform(Number)
        .refine((n) => n >= min && n <= max, { error: (issue) => `\`${name}\` must be from ${min} to ${max}; got ${issue.input}.` })
        .optional(),
    )
    .openapi({ type: 'integer', minimum: min, maximum: max, description })
}

function choice<const T extends readonly [string, ...string[]]>(name: string, values: T, description: string, unknown = `Unknown ${name}`) {
  return z.preprocess(
    blankToUndefined,
    z.enum(values, { error: (issue) => `${unknown} \`${clip(issue.input)}\`: use ${values.join(', ')}.` }).optional().openapi({ description }),
  )
}

/** Names people try from other search APIs, and what this one calls them. */
const INSTEAD: Record<string, string> = {
  year: 'yearFrom and yearTo, the same year in both for one year',
  years: 'yearFrom and yearTo',
  limit: 'k',
  size: 'k',
  rows: 'k',
  page: 'offset',
  start: 'offset',
  from: 'offset, or yearFrom for years',
  query: 'q',
  document: 'doc',
  docs: 'doc',
  type: 'kind',
}

/**
 * An object of query parameters that refuses any other: `year=2015` or `limit=5` ignored would be a silently wrong
 * answer (every year, ten results), so the 400 names the parameter, what it is called here, and the accepted list.
 */
function parameters<T extends z.ZodRawShape>(shape: T) {
  const accepted = Object.keys(shape).join(', ')
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined
      const named = issue.keys.map((key) => `\`${clip(key)}\`${INSTEAD[key] ? ` (use ${INSTEAD[key]})` : ''}`)
      return `Unknown parameter${named.length > 1 ? 's' : ''} ${named.join(', ')}: this endpoint takes ${accepted}.`
    },
  })
}

/** `doc=a&doc=b` and `doc=a,b` both mean two. */
const list = (value: unknown) =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean)

/** The search text: required, at most MAX_QUERY_LENGTH characters, no control characters or broken bytes. */
const queryText = z
  .string({ error: () => ({ message: 'The query is empty: give a search text in `q`.', params: { code: 'QUERY_EMPTY' } }) })
  .superRefine((q, ctx) => {
    if (q.trim() === '') ctx.addIssue({ code: 'custom', message: 'The query is empty: give a search text in `q`.', params: { code: 'QUERY_EMPTY' } })
    else if (q.length > MAX_QUERY_LENGTH) {
      ctx.addIssue({ code: 'custom', message: `The query is ${q.length} characters long; the limit is ${MAX_QUERY_LENGTH}.`, params: { code: 'QUERY_TOO_LONG' } })
    } else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/.test(q)) {
      ctx.addIssue({ code: 'custom', message: 'The query contains control characters or bytes that are not valid UTF-8.', params: { code: 'BAD_QUERY' } })
    }
  })
  .openapi({
    description: `What to search: words, \`"exact phrases"\` (or « … »), \`-word\` and \`-"phrase"\` to exclude. 1–${MAX_QUERY_LENGTH} characters.`,
    example: 'protection des témoins',
  })

/** The filters `/search` and `/timeline` share. */
const filters = {
  yearFrom: wholeNumber('yearFrom', MIN_YEAR, MAX_YEAR, 'Earliest year kept: a recommendation’s adoption year (a 2012 one restated in 2015 counts in 2012), else its document’s.'),
  yearTo: wholeNumber('yearTo', MIN_YEAR, MAX_YEAR, 'Latest year kept.'),
  doc: z
    .preprocess(list, z.array(z.string()).optional())
    .transform((docs) => (docs?.length ? docs : undefined))
    .openapi({
      type: 'array',
      items: { type: 'string' },
      description: 'Documents to keep: id (`001_f3a438cdd34e73ea`), its number (`001`), file name or symbol. Repeat it or separate with commas.',
    }),
  kind: z
    .preprocess(list, z.array(z.enum(KINDS, { error: (issue) => `Unknown kind \`${clip(issue.input)}\`: use ${KINDS.join(', ')}.` })).optional())
    .transform((kinds) => (kinds?.length ? kinds : undefined))
    .openapi({ type: 'array', items: { type: 'string', enum: [...KINDS] }, description: 'Kinds of passage to keep. Repeat it or separate with commas.' }),
}

const yearsInOrder = (request: { yearFrom?: number; yearTo?: number }) =>
  request.yearFrom === undefined || request.yearTo === undefined || request.yearFrom <= request.yearTo

const yearOrder = {
  error: (issue: { input: unknown }) => {
    const { yearFrom, yearTo } = issue.input as { yearFrom: number; yearTo: number }
    return `yearFrom (${yearFrom}) is after yearTo (${yearTo}).`
  },
}

const fieldNames: readonly string[] = [...HIT_PARTS, ...HIT_ALWAYS]

/** `fields=text,variants`: the optional parts of each hit to send, sorted and once each (one cache entry per set). */
const fields = z
  .preprocess(
    list,
    z
      .array(
        z.string().refine((name) => fieldNames.includes(name), {
          error: (issue) =>
            `Unknown field \`${clip(issue.input)}\` in \`fields\`: use ${HIT_PARTS.join(', ')} (${HIT_ALWAYS.join(', ')} are always there).`,
        }),
      )
      .optional(),
  )
  .transform((names) => (names?.length ? HIT_PARTS.filter((part) => names.includes(part)) : undefined))
  .openapi({
    type: 'array',
    items: { type: 'string', enum: [...HIT_PARTS, ...HIT_ALWAYS] },
    description:
      `The parts of each hit to send besides ${HIT_ALWAYS.map((name) => `\`${name}\``).join(', ')}, which are always there: ` +
      `${HIT_PARTS.map((name) => `\`${name}\``).join(', ')}. Repeat it or separate with commas; \`fields=citation\` sends only what is always there. ` +
      'Without it, every part (as before it existed). Naming fewer makes the answer smaller and faster to send: the page asks for `text,variants,repaired`.',
  })

export const SearchQuery = parameters({
    q: queryText,
    mode: choice('mode', MODES, 'Channels to run: `hybrid` (all, fused), `keyword` (BM25) or `semantic`. Defaults to hybrid.'),
    k: wholeNumber('k', 1, MAX_K, `Results per page, 1–${MAX_K}. Defaults to 10.`),
    offset: wholeNumber('offset', 0, MAX_OFFSET, 'Results to skip, for the next pages. Defaults to 0.'),
    ...filters,
    sort: choice(
      'sort',
      SORT_ORDERS,
      'Order: `relevance` (default), `date` (oldest first: by adoption year for recommendations, else the document’s, then the document’s date and reading order) or `-date` (newest first).',
    ),
    prefer: z.preprocess(
      blankToUndefined,
      z
        .enum(KINDS, { error: (issue) => `\`prefer\` must be a kind (${KINDS.join(', ')}); got \`${clip(issue.input)}\`.` })
        .optional()
        .openapi({ description: 'Ranks the passages of this kind first, each kind keeping its order.' }),
    ),
    collapse: z.preprocess(
      blankToUndefined,
      z
        .enum(['true', 'false', '1', '0'], { error: (issue) => `\`collapse\` must be true or false; got \`${clip(issue.input)}\`.` })
        .optional()
        .transform((value) => (value === undefined ? undefined : value === 'true' || value === '1'))
        .openapi({ type: 'boolean', description: 'Shows each group of variants once, as its best-ranked member. Defaults to false.' }),
    ),
    fields,
  })
  .refine(yearsInOrder, yearOrder)

export const TimelineQuery = parameters({
    q: queryText,
    mode: choice('mode', MODES, 'Without it, the keyword channel’s matches; with it, that mode’s matches: the set `/search` counts in `total`.'),
    ...filters,
  })
  .refine(yearsInOrder, yearOrder)

export const SimilarQuery = parameters({
  k: wholeNumber('k', 1, MAX_SIMILAR, `How many, 1–${MAX_SIMILAR}. Defaults to ${DEFAULT_SIMILAR}.`),
})

export const PassageParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, description: 'Passage id, as in a search hit.', example: '001_f3a438cdd34e73ea.p36' }),
})

export const DocumentParams = z.object({
  id: z.string().openapi({
    param: { name: 'id', in: 'path' },
    description: 'Document id, its number (`001`), file name or symbol (with `/` encoded as `%2F`, or as written).',
    example: '001',
  }),
})

/** Parameters given more than once where one is expected: named in the 400 message. */
export const SINGLE_PARAMETERS = ['q', 'mode', 'k', 'offset', 'yearFrom', 'yearTo', 'sort', 'prefer', 'collapse'] as const
