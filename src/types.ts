// The nouns of the project, in one place: documents, passages, citations, hits, manifests.

/** What a source document is, as the catalogue and its own text say. */
export type DocumentKind = 'meeting-report' | 'compendium' | 'secretariat-report' | 'draft-addendum'

/** What a passage is, as a drafter sees it: a ranking signal and a facet. */
export type PassageKind = 'recommendation' | 'deliberation' | 'narrative'

export interface DocumentMeta {
  /** File name without extension, e.g. `000_f4384e2a98d04a30`. Unique. */
  id: string
  /** Seed file name, e.g. `000_f4384e2a98d04a30.txt`: part of every citation. */
  file: string
  /** UN document symbol, e.g. `CTOC/COP/WG.7/2015/5`; empty when unknown (never invented). */
  symbol: string
  title: string
  /**
   * How headings and citations name it: the symbol, else the catalogue's short title (`Rapport du Groupe de travail
   * (Vienne, 2012)`), else the head of the title with its year. Absent in indexes built before it existed.
   */
  shortName?: string
  /** ISO date `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) of the meeting or issue; empty when unknown. */
  date: string
  year: number | null
  /** The meeting the document reports on or was prepared for, in words. */
  meeting: string
  kind: DocumentKind
  /** SHA-256 of the source file, for staleness checks. */
  sha256: string
  /** The file's format; absent in indexes built before PDF and Word were read (then `txt` or `md`). */
  format?: DocumentFormat
  /** Number of pages, for a PDF; absent when the format has none. */
  pages?: number
  /** Pages read by OCR because they had no text layer (numbers from 1); absent when none. */
  ocrPages?: number[]
  /** What the cover page states, each absent when it does not: `Distr. générale`, `anglais`,
   *  `Sixième session`, `Point 2 de l'ordre du jour provisoire`. Nothing is inferred. */
  distribution?: string
  originalLanguage?: string
  session?: string
  agendaItem?: string
}

/** The formats a corpus folder may hold. */
export type DocumentFormat = 'txt' | 'md' | 'pdf' | 'docx'

/** A footnote of a passage: its marker as printed (`10`, `*`) and its text. */
export interface PassageNote {
  marker: string
  text: string
}

export interface Passage {
  /** Stable id: `${docId}.p36`, `${docId}.r7`, `${docId}.u3` (3rd unnumbered passage). URL-safe. */
  id: string
  docId: string
  file: string
  /** `36`, `Recommandation 7`, or empty for an unnumbered paragraph. */
  paragraph: string
  /** Section headings from the outermost in, e.g. `['II. Recommandations', 'A. Incrimination…']`. */
  section: string[]
  /** Character offsets into the source file (UTF-16 code units, as JS strings index), end exclusive. */
  start: number
  end: number
  /** Text as written: lines joined, end-of-line hyphenation rejoined, furniture removed, nothing else changed. */
  text: string
  kind: PassageKind
  /** Position of the passage in its document, from 0. */
  order: number
  /** Pages the passage sits on, first to last (from 1); absent when the format has no pages (text, Markdown). */
  pages?: number[]
  /** Footnotes the passage calls, in order; their text is never part of `text`. Absent when none. */
  notes?: PassageNote[]
}

export interface Citation {
  file: string
  symbol: string
  title: string
  date: string
  year: number | null
  /**
   * The year a recommendation was adopted, when known (`adoptionYear`): a 2012 recommendation restated in the 2015
   * compendium says 2012 here and 2015 in `year`. Absent for other passages.
   */
  adopted?: number
  /** Section path joined with ` › `. */
  section: string
  paragraph: string
  /** The page, or the first and last page (`9`, `9-10`), when the format has pages; absent otherwise. */
  page?: string
  /** Ready to paste: `CTOC/COP/WG.7/2015/5, par. 36`, or the short name when the symbol is unknown. */
  label: string
}

/** A rank (from 1) and raw score of one ranking channel for one hit; null when the channel did not find it. */
export interface ChannelScore {
  rank: number
  score: number
}

export type SearchMode = 'hybrid' | 'keyword' | 'semantic'

/** `[passage id, score]`, best first: the currency of every ranking channel and of fusion. */
export type Ranked = Array<[id: string, score: number]>

/** How the learned fusion scored a hit: its bias, then each feature's value and what it added to the score. */
export interface FusionExplanation {
  bias: number
  features: Record<string, { value: number; contribution: number }>
}

export interface SearchHit {
  id: string
  rank: number
  score: number
  text: string
  snippet: string
  citation: Citation
  kind: PassageKind
  /** Per channel; `keyword` and `semantic` are always present so ranking can be explained. */
  scores: { keyword: ChannelScore | null; semantic: ChannelScore | null; [channel: string]: ChannelScore | null }
  /** How the learned fusion reached `score`, when it ranked the hit: `score` = `fusion.bias` + Σ contributions. */
  fusion?: FusionExplanation
  /** The same text in other documents (a recommendation restated in a later compendium); absent when there is none. */
  variants?: VariantSummary
  /** The text with its OCR damage repaired, for reading and quoting; absent when nothing needed repair. */
  repaired?: RepairedText
}

/** A passage's text as repaired for people (`enquétes` → `enquêtes`), and each correction made. */
export interface RepairedText {
  text: string
  /** The snippet, repaired the same way (search hits only). */
  snippet?: string
  corrections: Array<{ from: string; to: string }>
}

/** Where else a passage's text appears, reworded or not: its group of variants, seen from one member. */
export interface VariantSummary {
  /** The group's id: the id of its oldest member. */
  group: string
  /** Members of the group, this passage included. */
  count: number
  /** The other members, oldest first (the first ten). */
  also: Array<{ id: string; label: string; year: number | null }>
}

/**
 * How the dense channel's vectors are searched when they are clustered: how many clusters, how many a query visits,
 * and the mean recall@100 against exact search the build measured for that probe; the same for a query below the
 * calibration's floor (`farProbe`, `farRecall`, and `farTopRecall` at 10), absent where such a query is searched
 * exactly.
 */
export interface ClusterStatus {
  count: number
  probe: number
  recall: number
  farProbe?: number
  farRecall?: number
  farTopRecall?: number
}

export interface IndexManifest {
  formatVersion: number
  corpusHash: string
  builtAt: string
  buildMs: number
  documents: number
  passages: number
  /**
   * The model of `vectors.bin`; `fingerprint` is the embedder's (model files and prefixes), absent in indexes built
   * before it. `clusters`, when the vectors are searched through clusters: how many, how many a query probes, and the
   * mean recall@100 against exact search the build measured for that probe (absent for a flat, exact index), the
   * same for a query below the floor (see `ClusterStatus`), and how many vectors they were trained on (`trainedOn`).
   * `flatAt`: how many vectors there were when clustering was last measured and not earned. An incremental build
   * clusters anew once the vectors have doubled since either.
   */
  model: {
    id: string
    dimension: number
    quantized: boolean
    fingerprint?: string
    clusters?: ClusterStatus & { trainedOn?: number }
    flatAt?: number
  } | null
  /** The model the build was asked to use (null for none); a change of configuration triggers a rebuild. */
  modelRequested: string | null
  /** Why there are no vectors, when `model` is null. */
  modelNote: string
  /** The corpus folder the index was built from and every file in it with its SHA-256, so the index of one
   *  corpus never serves another. Absent in indexes built before corpus folders. */
  corpus?: CorpusListing
}

/** A corpus folder as listed for a build: what is there, by relative path, with each file's hash. */
export interface CorpusListing {
  /** Absolute path of the folder. */
  dir: string
  /** When the listing began (ms since the epoch): a file older than it may keep its hash next time (`listCorpus`). */
  listedAt?: number
  /**
   * Every file read (documents and the catalogue), by path relative to `dir` with `/`, sorted, with its modification
   * and change times (ms) as they were before it was hashed.
   */
  files: Array<{ path: string; sha256: string; bytes: number; mtimeMs?: number; ctimeMs?: number }>
}
