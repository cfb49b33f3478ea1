import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.js'
import { seedEngine, getJson } from '../helpers.js'

const R2012 = '000_f4384e2a98d04a30'
const C2015 = '001_f3a438cdd34e73ea'
const M2021 = '003_b17467f420381ed3'

let app: ReturnType<typeof createApp>
beforeAll(async () => {
  app = createApp((await seedEngine()).engine)
})

const get = (path: string) => getJson(app, path)

describe('GET /passages/:id/variants', () => {
  it('gives the group oldest first; 2015 ¶34 repeats 2012 ¶12 with OCR damage only, so no change', async () => {
    const { status, body } = await get(`/passages/${C2015}.p34/variants`)
    expect(status).toBe(200)
    expect(body.group).toBe(`${R2012}.p12`)
    expect(body.variants.map((v: any) => [v.id, v.citation.year, v.changes])).toEqual([
      [`${R2012}.p12`, 2012, []],
      [`${C2015}.p34`, 2015, []],
    ])
    expect(body.variants[1].citation.label).toBe('CTOC/COP/WG.7/2015/5, par. 34')
    expect(body.variants[1].diff).toEqual([{ op: 'equal', text: body.variants[1].text }])
  })

  it('shows the 2015 rewording of 2012 ¶16 word by word, in the words each version writes', async () => {
    const { body } = await get(`/passages/${R2012}.p16/variants`)
    const [first, second] = body.variants
    expect(first.id).toBe(`${R2012}.p16`)
    expect(second.citation.label).toBe('CTOC/COP/WG.7/2015/5, par. 36')
    expect(second.changes.slice(0, 4)).toEqual([
      { op: 'delete', text: 'Lorsqu’ils enquétent' },
      { op: 'insert', text: 'Parallèlement aux enquêtes' },
      { op: 'delete', text: 'engagent des' },
      { op: 'insert', text: 'aux' },
    ])
    expect(second.changes.length).toBe(15)
    // The inline diff rebuilds the 2015 text from its equal and inserted runs.
    expect(second.diff.filter((s: any) => s.op !== 'delete').map((s: any) => s.text).join('')).toBe(second.text)
  })

  it('diffs each version against the one before it (2012 → 2015 → 2021)', async () => {
    const { body } = await get(`/passages/${M2021}.p1/variants`)
    expect(body.variants.map((v: any) => v.citation.year)).toEqual([2012, 2015, 2021])
    expect(body.variants[2].changes[0]).toEqual({ op: 'delete', text: 'Conformément à' })
    expect(body.variants[2].changes[1]).toEqual({ op: 'insert', text: 'En application de' })
  })

  it('a passage no other document restates is its own only variant; unknown ids are 404', async () => {
    const { body } = await get(`/passages/${M2021}.p5/variants`)
    expect(body).toMatchObject({ group: null, variants: [{ id: `${M2021}.p5`, changes: [] }] })
    expect((await get('/passages/nope/variants')).status).toBe(404)
  })
})

describe('variants in /search', () => {
  const q = '/search?q=' + encodeURIComponent('"programmes locaux de protection des témoins"') + '&mode=keyword'

  it('each hit says where else its text appears', async () => {
    const { body } = await get(q)
    expect(body.total).toBe(2)
    const hit = body.results.find((r: any) => r.id === `${C2015}.p34`)
    expect(hit.variants).toEqual({
      group: `${R2012}.p12`,
      count: 2,
      also: [{ id: `${R2012}.p12`, label: 'Rapport du Groupe de travail (Vienne, 2012), par. 12', year: 2012 }],
    })
  })

  it('collapse=true shows a group once, as its best-ranked member', async () => {
    const { body: all } = await get(q)
    const { body } = await get(q + '&collapse=true')
    expect(body.total).toBe(1)
    expect(body.results.map((r: any) => r.id)).toEqual([all.results[0].id])
    expect(body.results[0].variants.count).toBe(2)
    // Facets still count every matching passage, by adoption year: the 2015 restatement of a 2012 recommendation is of 2012.
    expect(body.facets.year).toEqual([{ value: 2012, count: 2 }])
  })

  it('hits without a group carry no variants field', async () => {
    const { body } = await get('/search?q=' + encodeURIComponent('"en étroite coordination avec le Président"') + '&mode=keyword')
    expect(body.results.length).toBeGreaterThan(0)
    expect(body.results.every((r: any) => !('variants' in r))).toBe(true)
  })
})

describe('GET /passages/:id/similar', () => {
  it('finds passages near by wording and meaning, never the passage or its variants', async () => {
    const { status, body } = await get(`/passages/${C2015}.p36/similar`)
    expect(status).toBe(200)
    expect(body.results.length).toBe(5)
    const ids = body.results.map((r: any) => r.id)
    expect(ids).not.toContain(`${C2015}.p36`)
    expect(ids).not.toContain(`${R2012}.p16`)
    expect(body.results[0]).toMatchObject({ rank: 1, citation: { label: expect.any(String) } })
    // Parallel financial investigations: its neighbours talk of confiscating the proceeds of crime.
    expect(body.results.some((r: any) => /produit|financi/i.test(r.text))).toBe(true)
  })

  it('takes k from 1 to 50', async () => {
    expect((await get(`/passages/${C2015}.p36/similar?k=2`)).body.results.length).toBe(2)
    for (const k of ['0', '51', 'x', '2.5']) {
      const { status, body } = await get(`/passages/${C2015}.p36/similar?k=${k}`)
      expect(status).toBe(400)
      expect(body.error.message).toMatch(/`k` must be (a whole number )?from 1 to 50; got/)
    }
    expect((await get('/passages/nope/similar')).status).toBe(404)
  })
})
