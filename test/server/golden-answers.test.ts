// Whole answers of the API pinned byte for byte: what the server sends (status, headers, body) must not move when
// the code that writes it is made faster. The fixture holds the SHA-256 of each answer as main's code wrote it
// before session 13's changes to the request path; `tookMs`, the one part that depends on the clock, is set to 0 first.
// To pin answers again on purpose: GOLDEN_WRITE=1 npx vitest run test/server/golden-answers.test.ts — with the code
// whose answers are right, not with the change under test.

import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.js'
import { seedEngine } from '../helpers.js'

const FIXTURE = new URL('../fixtures/server/golden-answers.json', import.meta.url)

interface Pinned {
  status: number
  headers: string
  bytes: number
  sha256: string
}

let app: ReturnType<typeof createApp>
let paths: string[]
beforeAll(async () => {
  const { engine } = await seedEngine()
  app = createApp(engine)
  const doc = engine.documents[1]!.id
  const q = (text: string) => encodeURIComponent(text)
  const searches = [
    `mode=keyword&q=${q('protection des témoins')}`,
    `mode=keyword&q=${q('trafic illicite de migrants par mer' + ' '.repeat(37))}`,
    `mode=keyword&q=${q('protectoin des victimes')}&k=50`,
    `mode=keyword&q=${q('blanchiment du produit du crime')}&offset=5&k=7`,
    `mode=keyword&q=${q('"geler et confisquer"')}`,
    `mode=keyword&q=${q('« coopération internationale » enquêtes')}`,
    `mode=keyword&q=${q('"mise en œuvre" -protocole')}&k=20`,
    `mode=keyword&q=${q('coopération -internationale')}&yearFrom=2012&yearTo=2016&kind=recommendation`,
    `mode=keyword&q=${q('Etats parties')}&doc=${q(doc)}&collapse=true`,
    `mode=keyword&q=${q('confiscation des avoirs')}&sort=-date&prefer=recommendation`,
    `mode=keyword&q=${q('formation des agents des services de détection et de répression')}&fields=text,variants,repaired`,
    `mode=keyword&q=${q('sensibilisation du public')}&fields=scores`,
    `mode=keyword&q=${q('witness protection programmes')}`,
    `mode=keyword&q=zzzzqqq`,
    `q=${q('trafic illicite de migrants')}&k=50`,
    `q=${q('enquêtes financières parallèles')}&fields=text,variants,repaired`,
    `mode=semantic&q=${q('smuggling of migrants by sea')}&k=15`,
  ].map((query) => `/search?${query}`)
  const errors = ['/search?mode=keyword', '/search?q=a&k=0', '/search?q=a&q=b', '/search?q=%E9t%E9', '/search?q=a&limit=5', '/search?q=a&mode=fuzzy']
  // Each search twice: the second answer comes from the answer cache.
  paths = [...searches.flatMap((path) => [path, path]), ...errors, `/timeline?q=${q('trafic illicite de migrants')}`]
})

async function pin(path: string): Promise<Pinned> {
  const response = await app.request(path)
  const body = (await response.text()).replace(/"tookMs":[0-9.e+-]+/, '"tookMs":0')
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')
  return { status: response.status, headers, bytes: Buffer.byteLength(body), sha256: createHash('sha256').update(body).digest('hex') }
}

describe('answers of the API', () => {
  it('are byte for byte those main wrote before the request path was made faster', async () => {
    const answers: Record<string, Pinned> = {}
    for (const path of paths) answers[`${path} #${Object.keys(answers).filter((p) => p.startsWith(`${path} #`)).length + 1}`] = await pin(path)
    if (process.env.GOLDEN_WRITE) writeFileSync(FIXTURE, `${JSON.stringify(answers, null, 1)}\n`)
    const pinned = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, Pinned>
    expect(Object.keys(answers)).toEqual(Object.keys(pinned))
    for (const [key, answer] of Object.entries(answers)) expect(answer, key).toEqual(pinned[key])
  })
})
