// One error class with a code, and the catalogue of codes: what a client or a CLI user is told.

export const errorCatalogue = {
  BAD_QUERY: { status: 400, message: 'The query is invalid.' },
  QUERY_EMPTY: { status: 400, message: 'The query is empty: give a search text in `q`.' },
  QUERY_TOO_LONG: { status: 400, message: 'The query is too long.' },
  BAD_PARAMETER: { status: 400, message: 'A parameter is invalid.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Request body too large.' },
  TIMEOUT: { status: 503, message: 'The query took too long and was stopped; narrow it.' },
  OVERLOADED: { status: 503, message: 'The server is busy; retry in a moment.' },
  INDEX_MISSING: { status: 503, message: 'No index is built yet: run `npm run index`.' },
  INDEX_CORRUPT: { status: 500, message: 'The index on disk is unreadable: run `npm run index` to rebuild it.' },
  INDEX_BUILD_FAILED: { status: 500, message: 'The index build failed; the last good index is kept.' },
  SEED_INVALID: { status: 500, message: 'A seed document could not be read.' },
  CORPUS_MISSING: { status: 500, message: 'The corpus folder does not exist.' },
  CORPUS_CONFLICT: { status: 409, message: 'The corpus folder changed while it was being edited; it was left as it is.' },
  MODEL_UNAVAILABLE: { status: 500, message: 'The embedding model could not be loaded.' },
  INTERNAL: { status: 500, message: 'Internal error.' },
} as const

export type ErrorCode = keyof typeof errorCatalogue

/** The project's one error: a code from the catalogue, a message that says what to do, and an optional cause. */
export class SearchError extends Error {
  readonly code: ErrorCode
  readonly status: number

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? errorCatalogue[code].message, options)
    this.name = 'SearchError'
    this.code = code
    this.status = errorCatalogue[code].status
  }
}
