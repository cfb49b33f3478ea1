// Searches run on a newly opened engine: the first searches of a process pay for compiling the search code and
// filling its caches (up to 400 ms each on the seeds, against 10 ms once warm), which the first people to search
// after a start or a reload should not pay, nor the 150 ms time budget cut for. A reload warms the new build up
// before it serves it; a starting server warms up once it listens, and answers the requests that come meanwhile
// between the warm-up's steps.

import type { Engine, SearchRequest } from './engine.js'
import { stemWordsOf } from './features.js'

/** Passages whose words make the warm-up queries, spread over the corpus. */
const SAMPLES = 12

/**
 * The warm-up requests for this corpus: words of passages spread over it, in every mode, as a phrase, as an
 * exclusion, filtered and sorted by date, and one English query (the cross-lingual channel).
 */
export function warmUpRequests(engine: Engine): SearchRequest[] {
  const passages = engine.passages
  if (passages.length === 0) return []
  const requests: SearchRequest[] = []
  const step = Math.max(1, Math.floor(passages.length / SAMPLES))
  for (let i = 0, n = 0; i < passages.length && n < SAMPLES; i += step, n++) {
    const words = (passages[i]!.text.match(/\p{L}{4,}/gu) ?? []).slice(0, 8)
    if (words.length < 2) continue
    const q = words.filter((_, w) => w % 2 === 0).join(' ')
    const mode = (['hybrid', 'keyword', 'semantic'] as const)[n % 3]
    requests.push({ q, mode })
    if (n % 4 === 0) requests.push({ q: `"${words[0]} ${words[1]}" -${words[words.length - 1]}`, sort: '-date' })
  }
  requests.push({ q: 'witness protection programmes' }, { q: 'coopération internationale', k: 100 })
  // A long query (the first LONG_QUERY_WORDS distinct words of 5+ letters of the samples), keyword then hybrid: the
  // code a query of many terms runs more than a short one (typo expansion, scoring every match, the feature rows of
  // many terms) is compiled here rather than during the first such search, which ran 1.5–3× slower for it.
  const long = new Set<string>()
  for (let i = 0; i < passages.length && long.size < LONG_QUERY_WORDS; i += step) {
    for (const word of passages[i]!.text.match(/\p{L}{5,}/gu) ?? []) if (long.size < LONG_QUERY_WORDS) long.add(word.toLowerCase())
  }
  if (long.size > 1) {
    const q = [...long].join(' ')
    requests.push({ q, mode: 'keyword' }, { q, mode: 'hybrid' })
  }
  return requests
}

/** Words of the warm-up's long query: the most a query searches (`defaultQueryLimits.maxTerms`). */
const LONG_QUERY_WORDS = 32

/** How long a warm-up may delay a start or a reload, in milliseconds: no new search is started past it. */
export const WARM_UP_MS = 3000

/** Lets the requests that came in meanwhile be answered before the warm-up's next step. */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Runs the warm-up requests, answers thrown away, until they are done or `limitMs` has passed, giving way to other
 * work between its steps. A search that fails is skipped: a warm-up never stops a server. Returns how many ran and
 * how long they took.
 */
export async function warmUp(engine: Engine, limitMs = WARM_UP_MS): Promise<{ searches: number; ms: number }> {
  const started = performance.now()
  // The structures the first searches would build, whatever their words: the vocabulary's radix tree and typo-expansion
  // table (≈ 1 s of CPU at 100 000 passages, made here rather than at load), the English→French dictionary (≈ 0.2 s,
  // read by every search's notices), the words of the feature rows by stem and the n-gram index's passage positions,
  // which its first score of one passage looks up (0.1–0.4 s; a warm-up search cut by its budget may not get there).
  const first = engine.passages[0]
  const steps = [
    () => engine.parts.keyword.prepare(),
    () => engine.prepare(),
    () => stemWordsOf(engine.parts.keyword).prepare(),
    () => first && engine.parts.ngram?.query(first.text).cosine(first.id),
  ]
  for (const step of steps) {
    await yieldToRequests()
    try {
      step()
    } catch {
      // The first search that needs it makes it again, and fails there with its message if it must.
    }
  }
  let searches = 0
  for (const request of warmUpRequests(engine)) {
    await yieldToRequests()
    if (performance.now() - started > limitMs) break
    try {
      await engine.search(request)
    } catch {
      // The same request from a person gets its error then; here it only means less was warmed.
    }
    searches++
  }
  return { searches, ms: performance.now() - started }
}
