// What the API answers, as zod schemas: /openapi.json documents them, and the tests check every route's answers
// against them (strict objects: a field added to an answer and not documented here fails the tests).

import { z } from '@hono/zod-openapi'
import { KINDS, MODES } from './schemas.js'
import { SORT_ORDERS } from '../search/sort.js'

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
    adopted: z.number().int().optional().openapi({ description: 'The year a recommendation was adopted (a 2012 one restated in the 2015 compendium says 2012); absent for other passages and when unknown.' }),
    section: z.string().openapi({ description: 'Section path, outermost first, joined with ` › `.' }),
    paragraph: z.string().openapi({ description: '`36`, `Recommandation 7`, or empty for an unnumbered passage.' }),
    page: z.string().optional().openapi({ description: 'Page or pages (`9`, `9-10`) where the format has pages.' }),
    label: z.string().openapi({ description: 'Ready to paste.', example: 'CTOC/COP/WG.7/2015/5, par. 36' }),
  })
  .openapi('Citation')

const Correction = z.strictObject({ from: z.string(), to: z.string() })

export const RepairedText = z
  .strictObject({
    text: z.string(),
    snippet: z.string().optional().openapi({ description: 'The snippet, repaired the same way (search hits).' }),
    corrections: z.array(Correction),
  })
  .openapi('RepairedText', {
    description: 'The text with the OCR damage of a scanned report repaired (`enquétes` → `enquêtes`, `I’encontre` → `l’encontre`), each correction listed; `text` stays as scanned.',
  })

const ChannelScore = z.strictObject({ rank: z.number().int(), score: z.number() }).nullable()

const FeatureContribution = z.strictObject({
  value: z.number().openapi({ description: 'The feature as the model read it (docs/ranking.md lists them).' }),
  contribution: z.number().openapi({ description: 'What it added to the score (negative: what it took away).' }),
})

export const FusionExplanation = z
  .strictObject({
    bias: z.number().openapi({ description: 'The score of a passage before any feature speaks.' }),
    features: z.record(z.string(), FeatureContribution),
  })
  .openapi('FusionExplanation', {
    description: 'How the learned fusion scored a hybrid hit: `score` = `bias` + the sum of the features\' contributions (up to rounding).',
  })

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
    text: z.string().optional().openapi({ description: 'The passage as written in the source. Sent unless `fields` leaves it out.' }),
    snippet: z.string().openapi({ description: 'HTML: the text escaped, matches in `<mark>`.' }),
    citation: Citation,
    kind,
    scores: z
      .object({ keyword: ChannelScore, semantic: ChannelScore })
      .catchall(ChannelScore)
      .optional()
      .openapi({ description: 'Rank and raw score of each channel that found the hit (null when it did not). Sent unless `fields` leaves it out.' }),
    fusion: FusionExplanation.optional().openapi({ description: 'Hybrid hits ranked by the learned fusion; unless `fields` leaves it out.' }),
    variants: VariantSummary.optional().openapi({ description: 'When the text appears elsewhere; unless `fields` leaves it out.' }),
    repaired: RepairedText.optional().openapi({ description: 'When the text needed OCR repairs; unless `fields` leaves it out.' }),
  })
  .openapi('SearchHit')

export const Notice = z
  .discriminatedUnion('code', [
    z.strictObject({ code: z.literal('UNCLOSED_QUOTE'), phrase: z.string().openapi({ description: 'What was searched as the phrase: to the end of the query.' }) }),
    z.strictObject({ code: z.literal('EXCLUSION_ONLY') }),
    z.strictObject({ code: z.literal('STOP_WORDS_ONLY') }),
    z.strictObject({ code: z.literal('TRANSLATED'), translation: z.string().openapi({ description: 'The French the English query was translated into.' }) }),
    z.strictObject({ code: z.literal('LIMITED'), what: z.enum(['phrases', 'terms', 'exclusions']), kept: z.number().int(), given: z.number().int() }),
  ])
  .openapi('Notice', { description: 'Something the reader should know about how the query was read.' })

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
    clusters: z
      .strictObject({
        count: z.number().int(),
        probe: z.number().int(),
        recall: z.number(),
        farProbe: z.number().int().optional(),
        farRecall: z.number().optional(),
        farTopRecall: z.number().optional(),
      })
      .optional()
      .openapi({
        description:
          "Present when the dense channel searches through clusters of vectors (from 65 536 passages, where the build measured that it pays): how many clusters, how many a query visits, and the mean share of exact search's first 100 found, measured at build. A query far from every cluster (below the calibration's floor) visits `farProbe` clusters, with `farRecall` (of exact search's first 100) and `farTopRecall` (of its first 10) measured at build on such queries; without them, it is searched exactly.",
      }),
    note: z.string(),
    translation: z.string().nullable(),
  })
  .openapi('SemanticStatus')

export const SearchResponse = z
  .strictObject({
    query: z.string(),
    mode: z.enum(MODES),
    sort: z.enum(SORT_ORDERS),
    total: z.number().int().openapi({ description: 'Matching passages (groups of variants with `collapse`).' }),
    tookMs: z.number(),
    offset: z.number().int(),
    k: z.number().int(),
    results: z.array(SearchHit),
    semantic: SemanticStatus,
    notes: z.array(z.string()).optional().openapi({ description: 'What was left out of a query too large to search whole.' }),
    facets: Facets,
    notices: z.array(Notice).openapi({ description: 'How the query was read: a quote left open, only exclusions, a translation, a cut.' }),
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
    pages: z.array(z.number().int()).optional().openapi({ description: 'Pages it sits on, where the format has pages.' }),
    notes: z.array(z.strictObject({ marker: z.string(), text: z.string() })).optional().openapi({ description: 'The footnotes it calls.' }),
    citation: Citation,
    repaired: RepairedText.optional(),
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
            shortName: z.string(),
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
  shortName: z.string().openapi({ description: 'How headings and citations name it: the symbol, else a short title (`Rapport du Groupe de travail (Vienne, 2012)`).' }),
  date: z.string(),
  year,
  meeting: z.string(),
  kind: z.enum(['meeting-report', 'compendium', 'secretariat-report', 'draft-addendum']),
  sha256: z.string(),
  format: z.enum(['txt', 'md', 'pdf', 'docx']).optional(),
  pages: z.number().int().optional().openapi({ description: 'Number of pages, for a PDF.' }),
  ocrPages: z.array(z.number().int()).optional().openapi({ description: 'Pages read by OCR (no text layer).' }),
  distribution: z.string().optional().openapi({ description: 'As the cover page states it: `Distr. générale`.' }),
  originalLanguage: z.string().optional(),
  session: z.string().optional(),
  agendaItem: z.string().optional(),
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
        repaired: RepairedText.optional(),
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
