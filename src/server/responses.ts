// What the API answers, as zod schemas: /openapi.json documents them, and the tests check every route's answers
// against them (strict objects: a field added to an answer and not documented here fails the tests).

import { z } from '@hono/zod-openapi'
import { KINDS, MODES } from './schemas.js'

const year = z.number().int().nullable()
const kind = z.enum(KINDS)

export const ErrorBody = z
  .strictObject({
    error: z.strictObject({
      code: z.string().openapi({ example: 'BAD_PARAMETER', description: 'Stable, machine-readable: see the error codes in the description above.' }),
      message: z.string().openapi({ example: '`k` must be from 1 to 100; got 500.', description: 'What is wrong and what to do, in English.' }),
    }),
  })
  .openapi('Error')

export const Citation = z
  .strictObject({
    file: z.string(),
    symbol: z.string().openapi({ description: 'UN document symbol; empty when unknown (never invented).' }),
    title: z.string(),
    date: z.string().openapi({ description: '`YYYY-MM-DD`, `YYYY-MM` or `YYYY`; empty when unknown.' }),
    year,
    section: z.string().openapi({ description: 'Section path, outermost first, joined with ` › `.' }),
    paragraph: z.string().openapi({ description: '`36`, `Recommandation 7`, or empty for an unnumbered passage.' }),
    page: z.string().optional().openapi({ description: 'Page or pages (`9`, `9-10`) where the format has pages.' }),
    label: z.string().openapi({ description: 'Ready to paste.', example: 'CTOC/COP/WG.7/2015/5, par. 36' }),
  })
  .openapi('Citation')

const ChannelScore = z.strictObject({ rank: z.number().int(), score: z.number() }).nullable()

export const VariantSummary = z
  .strictObject({
    group: z.string().openapi({ description: 'Id of the group: its oldest member.' }),
    count: z.number().int(),
    also: z.array(z.strictObject({ id: z.string(), label: z.string(), year })),
  })
  .openapi('VariantSummary')

export const SearchHit = z
  .strictObject({
    id: z.string(),
    rank: z.number().int(),
    score: z.number(),
    text: z.string().openapi({ description: 'The passage as written in the source.' }),
    snippet: z.string().openapi({ description: 'HTML: the text escaped, matches in `<mark>`.' }),
    citation: Citation,
    kind,
    scores: z
      .object({ keyword: ChannelScore, semantic: ChannelScore })
      .catchall(ChannelScore)
      .openapi({ description: 'Rank and raw score of each channel that found the hit (null when it did not).' }),
    variants: VariantSummary.optional(),
  })
  .openapi('SearchHit')

const facetCount = <T extends z.ZodType>(value: T) => z.strictObject({ value, count: z.number().int() })

export const Facets = z
  .strictObject({
    year: z.array(facetCount(year)),
    document: z.array(
      z.strictObject({ value: z.string(), file: z.string(), symbol: z.string(), title: z.string(), year, count: z.number().int() }),
    ),
    kind: z.array(facetCount(kind)),
  })
  .openapi('Facets')

export const SemanticStatus = z
  .strictObject({
    channels: z.array(z.string()),
    dense: z.boolean(),
    model: z.string().nullable(),
    note: z.string(),
    translation: z.string().nullable(),
  })
  .openapi('SemanticStatus')

export const SearchResponse = z
  .strictObject({
    query: z.string(),
    mode: z.enum(MODES),
    total: z.number().int().openapi({ description: 'Matching passages (groups of variants with `collapse`).' }),
    tookMs: z.number(),
    offset: z.number().int(),
    k: z.number().int(),
    results: z.array(SearchHit),
    semantic: SemanticStatus,
    notes: z.array(z.string()).optional().openapi({ description: 'What was left out of a query too large to search whole.' }),
    facets: Facets,
  })
  .openapi('SearchResponse')

export const PassageResponse = z
  .strictObject({
    id: z.string(),
    docId: z.string(),
    file: z.string(),
    paragraph: z.string(),
    section: z.array(z.string()),
    start: z.number().int(),
    end: z.number().int(),
    text: z.string(),
    kind,
    order: z.number().int(),
    citation: Citation,
    previous: z.string().nullable(),
    next: z.string().nullable(),
  })
  .openapi('Passage')

export const VariantsResponse = z
  .strictObject({
    id: z.string(),
    group: z.string().nullable(),
    variants: z.array(
      z.strictObject({
        id: z.string(),
        citation: Citation,
        kind,
        text: z.string(),
        changes: z.array(z.strictObject({ op: z.enum(['insert', 'delete']), text: z.string() })),
        diff: z.array(z.strictObject({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })),
      }),
    ),
  })
  .openapi('Variants')

export const SimilarResponse = z.strictObject({ id: z.string(), k: z.number().int(), results: z.array(SearchHit) }).openapi('Similar')

export const TimelineResponse = z
  .strictObject({
    query: z.string(),
    total: z.number().int(),
    years: z.array(
      z.strictObject({
        year,
        count: z.number().int(),
        documents: z.array(
          z.strictObject({
            id: z.string(),
            file: z.string(),
            symbol: z.string(),
            title: z.string(),
            count: z.number().int(),
            passages: z.array(z.string()),
          }),
        ),
      }),
    ),
  })
  .openapi('Timeline')

const documentFields = {
  id: z.string(),
  file: z.string(),
  symbol: z.string(),
  title: z.string(),
  date: z.string(),
  year,
  meeting: z.string(),
  kind: z.enum(['meeting-report', 'compendium', 'secretariat-report', 'draft-addendum']),
  sha256: z.string(),
  officialUrl: z.string().nullable().openapi({ description: 'The official document (`https://undocs.org/fr/<symbol>`) when the symbol is known.' }),
}

export const DocumentSummary = z
  .strictObject({ ...documentFields, passages: z.number().int().openapi({ description: 'How many passages it has.' }) })
  .openapi('DocumentSummary')

export const DocumentsResponse = z.strictObject({ documents: z.array(DocumentSummary) }).openapi('Documents')

export const DocumentResponse = z
  .strictObject({
    ...documentFields,
    passages: z.array(
      z.strictObject({
        id: z.string(),
        paragraph: z.string(),
        section: z.array(z.string()),
        kind,
        text: z.string(),
        label: z.string(),
      }),
    ),
  })
  .openapi('Document')

export const HealthResponse = z
  .strictObject({
    status: z.literal('ok'),
    documents: z.number().int(),
    passages: z.number().int(),
    keyword: z.literal(true),
    semantic: SemanticStatus,
    indexBuiltAt: z.string().optional(),
    indexFormat: z.number().int().optional(),
    corpusHash: z.string().optional(),
  })
  .openapi('Health')
