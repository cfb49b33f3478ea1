// The API reference page: the OpenAPI document rendered as plain HTML (routes, parameters, answers, schemas).

/** The parts of an OpenAPI 3.1 document the page reads. */
export interface OpenApiDocument {
  openapi: string
  info: { title: string; version: string; description?: string }
  paths: Record<string, Record<string, Operation>>
  components?: { schemas?: Record<string, JsonSchema> }
}

interface Operation {
  summary?: string
  description?: string
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }>
  responses: Record<string, { description: string; content?: Record<string, { schema?: JsonSchema }> }>
}

interface JsonSchema {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  minimum?: number
  maximum?: number
  description?: string
  example?: unknown
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/** Markdown's inline code and paragraphs, nothing more. */
const prose = (text = '') =>
  text
    .split(/\n{2,}/)
    .map((para) => `<p>${escape(para.replace(/\n/g, ' ')).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('')

const anchor = (name: string) => `schema-${name}`

/** A short type: `integer (1–100)`, `string[]`, `Citation`, `"a" | "b"`, `… | null`. */
function typeOf(schema: JsonSchema | undefined): string {
  if (!schema) return 'any'
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!
    return `<a href="#${anchor(name)}">${escape(name)}</a>`
  }
  const union = schema.anyOf ?? schema.oneOf
  if (union) return union.map(typeOf).join(' | ')
  if (schema.const !== undefined) return `<code>${escape(JSON.stringify(schema.const))}</code>`
  if (schema.enum) return schema.enum.map((v) => `<code>${escape(JSON.stringify(v))}</code>`).join(' | ')
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'object']
  return types
    .map((type) => {
      if (type === 'array') return `${typeOf(schema.items)}[]`
      const range = schema.minimum !== undefined && schema.maximum !== undefined ? ` (${schema.minimum}–${schema.maximum})` : ''
      return `${escape(type)}${range}`
    })
    .join(' | ')
}

function operationHtml(path: string, method: string, operation: Operation): string {
  const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-')
  const parameters = operation.parameters?.length
    ? `<table><caption>Parameters</caption><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead><tbody>${operation.parameters
        .map(
          (p) =>
            `<tr><td><code>${escape(p.name)}</code>${p.required ? ' <strong>required</strong>' : ''}</td><td>${escape(p.in)}</td><td>${typeOf(p.schema)}</td><td>${prose(p.description ?? p.schema?.description)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : ''
  const responses = Object.entries(operation.responses)
    .map(([status, response]) => {
      const schema = response.content?.['application/json']?.schema
      return `<tr><td>${escape(status)}</td><td>${schema ? typeOf(schema) : ''}</td><td>${prose(response.description)}</td></tr>`
    })
    .join('')
  return `<section class="operation" id="${id}" aria-labelledby="${id}-title">
  <h3 id="${id}-title"><span class="method">${method.toUpperCase()}</span> <code>${escape(path)}</code> — ${escape(operation.summary ?? '')}</h3>
  ${prose(operation.description)}
  ${parameters}
  <table><caption>Answers</caption><thead><tr><th scope="col">Status</th><th scope="col">Body</th><th scope="col">When</th></tr></thead><tbody>${responses}</tbody></table>
</section>`
}

function schemaHtml(name: string, schema: JsonSchema): string {
  const properties = Object.entries(schema.properties ?? {})
  const rows = properties
    .map(([field, value]) => {
      const required = schema.required?.includes(field) ? '' : ' <em>optional</em>'
      return `<tr><td><code>${escape(field)}</code>${required}</td><td>${typeOf(value)}</td><td>${prose(value.description)}</td></tr>`
    })
    .join('')
  const table = properties.length
    ? `<table><thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p>${typeOf(schema)}</p>`
  return `<section class="schema" id="${anchor(name)}" aria-labelledby="${anchor(name)}-title"><h3 id="${anchor(name)}-title">${escape(name)}</h3>${prose(schema.description)}${table}</section>`
}

/** The whole page; `stylesheet` is the path of the site's stylesheet. */
export function renderReference(document: OpenApiDocument, stylesheet: string): string {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  )
  const toc = operations
    .map(({ path, method, operation }) => `<li><a href="#${`${method}-${path}`.replace(/[^a-z0-9]+/gi, '-')}">${method.toUpperCase()} <code>${escape(path)}</code></a> — ${escape(operation.summary ?? '')}</li>`)
    .join('')
  const schemas = Object.entries(document.components?.schemas ?? {})
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference — ${escape(document.info.title)}</title>
<link rel="icon" href="/ui/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${escape(stylesheet)}">
</head>
<body class="reference">
<a class="skip" href="#main">Skip to the reference</a>
<header class="masthead"><div class="wrap"><p class="site"><a href="/">Recherche documentaire</a></p></div></header>
<main id="main" class="wrap" tabindex="-1">
<h1>API reference <small>${escape(document.info.title)} ${escape(document.info.version)}, OpenAPI ${escape(document.openapi)}</small></h1>
${prose(document.info.description)}
<p>The machine-readable document: <a href="/openapi.json"><code>/openapi.json</code></a>.</p>
<nav aria-labelledby="contents-title"><h2 id="contents-title">Contents</h2><ul>${toc}<li><a href="#schemas">Schemas</a></li></ul></nav>
<h2>Endpoints</h2>
${operations.map(({ path, method, operation }) => operationHtml(path, method, operation)).join('\n')}
<h2 id="schemas">Schemas</h2>
${schemas.map(([name, schema]) => schemaHtml(name, schema)).join('\n')}
</main>
</body>
</html>`
}
