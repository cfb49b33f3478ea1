// The search page in a real Chromium: search, filters, variants, copy, permalinks, export, keyboard, phone width.

import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startRig, type BrowserRig } from './chromium.js'

const R2012 = '000_f4384e2a98d04a30'
const C2015 = '001_f3a438cdd34e73ea'

let rig: BrowserRig
const requests: string[] = []
const problems: string[] = []

beforeAll(async () => {
  rig = await startRig()
  rig.context.on('request', (request) => requests.push(request.url()))
  rig.context.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  rig.context.on('weberror', (error) => problems.push(error.error().message))
})

afterAll(async () => {
  await rig?.close()
  // Chromium's profile, the downloads and the index are gone: nothing is left in the temp folder.
  for (const folder of rig?.folders ?? []) expect(existsSync(folder), folder).toBe(false)
})

async function open(path: string): Promise<Page> {
  const page = await rig.context.newPage()
  await page.goto(rig.origin + path)
  return page
}

/** Waits for a search to finish (the status line shows a count or says none). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const results = document.getElementById('results')!
    return !results.hasAttribute('aria-busy') && /résultat|passage|Aucun/.test(document.getElementById('status')!.textContent ?? '')
  })
}

describe('the search page', () => {
  it('is one HTML page, one script and one stylesheet from this server, under a same-origin CSP', async () => {
    const response = await fetch(rig.origin + '/')
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    expect(response.headers.get('cache-control')).toBe('no-cache')
    const again = await fetch(rig.origin + '/', { headers: { 'If-None-Match': response.headers.get('etag')! } })
    expect(again.status).toBe(304)
    const html = await response.text()
    const assets = [...html.matchAll(/(?:src|href)="(\/ui\/app\.[0-9a-f]{12}\.(?:js|css))"/g)].map((m) => m[1]!)
    expect(assets.length).toBe(2)
    for (const asset of assets) expect((await fetch(rig.origin + asset)).headers.get('cache-control')).toMatch(/immutable/)
    expect(html).not.toMatch(/<script>|style="|https?:\/\//)

    const page = await open('/')
    await page.waitForLoadState('networkidle')
    await expect(page.locator('#q').evaluate((input) => input === document.activeElement)).resolves.toBe(true)
    await page.close()
  })

  it('searches on Enter, highlights the matched words and shows the year histogram', async () => {
    const page = await open('/')
    await page.locator('#q').fill('protection des témoins')
    await page.keyboard.press('Enter')
    await settled(page)
    expect(page.url()).toContain('q=protection+des+t%C3%A9moins')
    const first = page.locator('.hit').first()
    await expect(first.locator('mark').first().textContent()).resolves.toMatch(/protection|témoins/i)
    expect(await page.locator('.hit').count()).toBe(20)
    const bars = await page.locator('#histogram .bar').evaluateAll((nodes) => nodes.map((n) => n.querySelector('.y')!.textContent))
    expect(bars).toEqual(['2012', '2015', '2019', '2021', '2022'])
    // The snippet expands to the whole passage.
    await first.locator('[data-act="full"]').click()
    await expect(first.locator('.fulltext').isVisible()).resolves.toBe(true)
    await expect(first.locator('.snippet').isVisible()).resolves.toBe(false)
    await page.close()
  })

  it('narrows with a kind filter and a click on a year, and keeps both in the address', async () => {
    const page = await open('/?q=' + encodeURIComponent('enquêtes financières') + '&mode=keyword')
    await settled(page)
    const before = await page.locator('#status strong').textContent()
    await page.locator('#kinds input[value="recommendation"]').check()
    await settled(page)
    expect(page.url()).toContain('kind=recommendation')
    expect(await page.locator('.hit .badge').evaluateAll((nodes) => [...new Set(nodes.map((n) => n.textContent))])).toEqual(['Recommandation'])
    expect(await page.locator('#status strong').textContent()).not.toBe(before)

    await page.locator('#histogram .bar[data-year="2015"]').click()
    await settled(page)
    expect(page.url()).toMatch(/yearFrom=2015&yearTo=2015/)
    expect(await page.locator('.hit .year').evaluateAll((nodes) => [...new Set(nodes.map((n) => n.textContent))])).toEqual(['2015'])
    // The document filter shows counts for this query; the 2015 compendium has them all.
    const counts = await page.locator('#documents .check').evaluateAll((nodes) => nodes.map((n) => n.querySelector('.count')?.textContent))
    expect(counts.filter((c) => c !== '0').length).toBe(1)
    // Back returns to the unfiltered year range.
    await page.goBack()
    await settled(page)
    expect(page.url()).not.toContain('yearFrom')
    await page.close()
  })

  it('opens the variants of a recommendation with the 2015 rewording shown inline', async () => {
    const page = await open('/?q=' + encodeURIComponent('"geler et confisquer"') + '&mode=keyword')
    await settled(page)
    await expect(page.locator('#status').textContent()).resolves.toMatch(/1 résultat \(2 passages avant regroupement/)
    const hit = page.locator('.hit').first()
    await hit.locator('[data-act="variants"]').click()
    const panel = hit.locator('[data-panel="variants"]')
    await panel.locator('.variant').nth(1).waitFor()
    expect(await panel.locator('.variant .year').allTextContents()).toEqual(['2012', '2015'])
    expect(await panel.locator('ins').allTextContents()).toContain('Parallèlement aux enquêtes')
    expect(await panel.locator('del').allTextContents()).toContain('Lorsqu’ils enquétent')
    await expect(hit.locator('[data-act="variants"]').getAttribute('aria-expanded')).resolves.toBe('true')

    await hit.locator('[data-act="similar"]').click()
    await hit.locator('.similar-list li').nth(4).waitFor()
    const similar = await hit.locator('.similar-list li a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
    expect(similar.some((href) => href!.includes(`${R2012}.p16`) || href!.includes(`${C2015}.p36`))).toBe(false)
    await page.close()
  })

  it('copies a citation with one click, through the clipboard API or its fallback', async () => {
    await rig.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.origin })
    const page = await open('/?q=' + encodeURIComponent('"programmes locaux de protection des témoins"') + '&mode=keyword&collapse=0')
    await settled(page)
    const hit = page.locator(`.hit[data-id="${C2015}.p34"]`)
    await hit.locator('[data-act="copy"]').click()
    expect(await toastText(page)).toBe('Citation copiée : CTOC/COP/WG.7/2015/5, par. 34')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('CTOC/COP/WG.7/2015/5, par. 34')

    // Without the clipboard API (an older browser, a refused permission), the copy command does it.
    await page.evaluate(() => {
      const real = navigator.clipboard
      Object.assign(window, { readClipboard: () => real.readText() })
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true })
    })
    await page.evaluate(() => (document.getElementById('toast')!.textContent = ''))
    await page.locator(`.hit[data-id="${R2012}.p12"] [data-act="copy"]`).click()
    expect(await toastText(page)).toMatch(/^Citation copiée : Rapport de la réunion .* 2012, par\. 12$/)
    expect(await page.evaluate(() => (window as unknown as { readClipboard: () => Promise<string> }).readClipboard())).toMatch(/2012, par\. 12$/)
    await page.close()
  })

  it('opens a passage from its permalink, with its variants', async () => {
    const page = await open(`/?p=${C2015}.p34`)
    const view = page.locator('#passage')
    await view.locator('.variant').nth(1).waitFor()
    await expect(view.locator('.cite').textContent()).resolves.toBe('CTOC/COP/WG.7/2015/5, par. 34')
    await expect(view.locator('.unchanged').textContent()).resolves.toMatch(/Même texte/)
    // A result's permalink opens the same view without reloading the page.
    const results = await open('/?q=' + encodeURIComponent('"geler et confisquer"') + '&mode=keyword')
    await settled(results)
    await results.locator('.hit [data-act="link"]').first().click()
    await results.locator('#passage .fulltext').waitFor()
    expect(results.url()).toMatch(/[?&]p=/)
    await page.close()
    await results.close()
  })

  it('exports the results as CSV (UTF-8 with BOM, every field quoted) and as JSON', async () => {
    const page = await open('/?q=' + encodeURIComponent('témoins') + '&mode=keyword&collapse=0')
    await settled(page)
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()])
    expect(csvDownload.suggestedFilename()).toBe('recherche-témoins.csv')
    const bytes = await readFile((await csvDownload.path())!)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(bytes.subarray(3).toString('utf8'))
    expect(rows[0]).toEqual(['rang', 'citation', 'annee', 'symbole', 'document', 'fichier', 'paragraphe', 'section', 'type', 'texte', 'id', 'lien'])
    const api = (await (await fetch(rig.origin + '/search?q=t%C3%A9moins&mode=keyword&k=100')).json()) as any
    expect(rows.length - 1).toBe(api.total)
    expect(rows.slice(1).map((row) => [row[1], row[9]])).toEqual(api.results.map((hit: any) => [hit.citation.label, hit.text]))
    expect(bytes.toString('utf8')).toMatch(/^\ufeff"rang","citation",/)

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()])
    const json = JSON.parse(await readFile((await jsonDownload.path())!, 'utf8'))
    expect(json).toMatchObject({ query: 'témoins', total: api.total, exported: api.total })
    expect(json.results[0]).toMatchObject({ citation: api.results[0].citation.label, texte: api.results[0].text })
    await page.close()
  })

  it('works from the keyboard: Tab reaches the search box, `/` comes back to it, focus is visible', async () => {
    const page = await open('/?q=' + encodeURIComponent('trafic') + '&mode=keyword')
    await settled(page)
    const order: string[] = []
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab')
      order.push(await page.evaluate(() => ((e) => e.id || e.className || e.textContent || '')(document.activeElement as HTMLElement)))
    }
    expect(order).toEqual(['skip', 'Recherche documentaire', 'q'])
    const outline = await page.locator('#q').evaluate((input) => getComputedStyle(input).boxShadow)
    expect(outline).not.toBe('none')

    await page.locator('.hit').first().click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('/')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q')
    await page.keyboard.type('témoins')
    expect(await page.locator('#q').inputValue()).toBe('témoins') // `/` selected the old query: typing replaces it
    await page.keyboard.press('Enter')
    await page.waitForURL(/q=t%C3%A9moins/)
    await settled(page)

    await page.locator('#search button.primary').focus()
    expect(await page.locator('#search button.primary').evaluate((button) => getComputedStyle(button).outlineStyle)).toBe('solid')
    await page.close()
  })

  it('fits a phone screen: no sideways scrolling, filters folded away', async () => {
    const page = await open('/?q=' + encodeURIComponent('"geler et confisquer"'))
    await page.setViewportSize({ width: 390, height: 844 })
    await settled(page)
    await page.waitForFunction(() => !(document.getElementById('filters') as HTMLDetailsElement).open)
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.close()
  })

  it('made no request to any other server and logged no error', () => {
    expect(requests.length).toBeGreaterThan(20)
    expect(requests.filter((url) => !url.startsWith(rig.origin + '/') && !url.startsWith(`blob:${rig.origin}/`))).toEqual([])
    expect(problems).toEqual([])
  })
})

/** The message of the toast once it shows one. */
async function toastText(page: Page): Promise<string> {
  await page.waitForFunction(() => Boolean(document.getElementById('toast')!.textContent))
  return (await page.locator('#toast').textContent())!
}

/** RFC 4180: quoted fields, doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') row.push(field), (field = '')
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      ;(row = []), (field = ''), i++
    } else field += c
  }
  return rows
}
