// `npm run search -- "query"`: ranked passages with their citation labels, or the API's JSON with --json.

import { openEngine } from '../search/open.js'
import { SearchError } from '../errors.js'
import { parseSearchRequest } from '../server/validation.js'
import { defaultIndexDir, defaultSeedDir, parseCommandLine, run } from './common.js'

const usage = `usage: npm run search -- "query" [--mode hybrid|keyword|semantic] [--k N] [--offset N]
                  [--year-from YYYY] [--year-to YYYY] [--doc ID] [--kind KIND] [--sort relevance|date|-date] [--json]
  Phrases in quotes match exactly ("geler et confisquer"); -mot excludes a word.`

run(async () => {
  const { values, positionals } = parseCommandLine(
    {
      mode: { type: 'string' }, k: { type: 'string' }, offset: { type: 'string' },
      'year-from': { type: 'string' }, 'year-to': { type: 'string' }, doc: { type: 'string', multiple: true },
      kind: { type: 'string', multiple: true }, sort: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
    usage,
  )
  if (values.help) return void console.log(usage)
  const params: Record<string, string[]> = { q: [positionals.join(' ')] }
  const single = { mode: values.mode, k: values.k, offset: values.offset, yearFrom: values['year-from'], yearTo: values['year-to'], sort: values.sort }
  for (const [name, value] of Object.entries(single)) if (value !== undefined) params[name] = [value]
  if (values.doc) params.doc = values.doc
  if (values.kind) params.kind = values.kind
  let request
  try {
    request = parseSearchRequest(params)
  } catch (error) {
    if (error instanceof SearchError) throw new SearchError(error.code, `${error.message}\n\n${usage}`)
    throw error
  }
  const { engine } = await openEngine({ seedDir: defaultSeedDir, indexDir: defaultIndexDir, log: (line) => console.error(line) })
  const response = await engine.search(request)
  if (values.json) return void console.log(JSON.stringify(response, null, 2))
  console.log(`${response.total} passage${response.total === 1 ? '' : 's'} for ${JSON.stringify(response.query)} (${response.mode}, ${response.tookMs} ms)`)
  if (!response.semantic.dense && response.mode !== 'keyword') console.log(`note: ${response.semantic.note}`)
  for (const hit of response.results) {
    const snippet = hit.snippet.replace(/<mark>/g, '\x1b[1m').replace(/<\/mark>/g, '\x1b[0m').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    const adopted = hit.citation.adopted && hit.citation.adopted !== hit.citation.year ? `, adopted ${hit.citation.adopted}` : ''
    console.log(`\n${hit.rank}. ${hit.citation.label}${hit.citation.date ? ` (${hit.citation.date}${adopted})` : ''}`)
    if (hit.citation.section) console.log(`   ${hit.citation.section}`)
    console.log(`   ${process.stdout.isTTY ? snippet : snippet.replace(/\x1b\[[01]m/g, '')}`)
  }
})
