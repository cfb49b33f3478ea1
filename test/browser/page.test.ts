// The site in a real Chromium, walked as its users would: search, phrases, order by date, a passage in context, a
// whole document, each citation format, repaired scans, notices, export, print, a phone, the keyboard, and axe.

import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { AxeBuilder } from '@axe-core/playwright'
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
  await rig.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.origin })
})

afterAll(async () => {
  await rig?.close()
  // Chromium's profile, the downloads and the index are gone: nothing is left in the temp folder.
  for (const folder of rig?.folders ?? []) expect(existsSync(folder), folder).toBe(false)
})

async function open(path: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await rig.context.newPage()
  if (viewport) await page.setViewportSize(viewport)
  await page.goto(rig.origin + path)
  return page
}

const search = (q: string, extra = '') => `/?q=${encodeURIComponent(q)}${extra}`

/** Waits for a search to finish (the status line shows a count or says none). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const results = document.getElementById('results')!
    return !results.hasAttribute('aria-busy') && /résultat|passage|Aucun/.test(document.getElementById('status')!.textContent ?? '')
  })
}

/** axe's serious and critical violations (WCAG 2.1 A and AA rules), as `rule: target` lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`))
}

async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText())
}

/** The message of the toast once it shows one (cleared first by `clearToast`). */
async function toastText(page: Page): Promise<string> {
  await page.waitForFunction(() => Boolean(document.getElementById('toast')!.textContent))
  return (await page.locator('#toast').textContent())!
}
const clearToast = (page: Page) => page.evaluate(() => (document.getElementById('toast')!.textContent = ''))

describe('the page and its assets', () => {
  it('is one HTML page, its script modules and one stylesheet from this server, under a same-origin CSP', async () => {
    const response = await fetch(rig.origin + '/')
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    expect(response.headers.get('cache-control')).toBe('no-cache')
    const again = await fetch(rig.origin + '/', { headers: { 'If-None-Match': response.headers.get('etag')! } })
    expect(again.status).toBe(304)
    const html = await response.text()
    expect(html).toMatch(/<script type="module" src="\/ui\/[0-9a-f]{12}\/main\.js"><\/script>/)
    const css = /href="(\/ui\/[0-9a-f]{12}\/app\.css)"/.exec(html)![1]!
    expect((await fetch(rig.origin + css)).headers.get('cache-control')).toMatch(/immutable/)
    expect(html).not.toMatch(/<script>|style="|(?:src|href)="https?:/)

    const page = await open('/')
    await page.waitForLoadState('networkidle')
    // The modules it loaded, each one file per view or concern.
    const modules = requests.filter((url) => /\/ui\/[0-9a-f]{12}\/\w+\.js$/.test(url)).map((url) => url.split('/').pop())
    expect(new Set(modules)).toEqual(new Set(['main.js', 'api.js', 'citations.js', 'feedback.js', 'export.js', 'facets.js', 'hit.js', 'passage.js', 'documents.js', 'results.js', 'state.js', 'text.js']))
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q')
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })
})

describe('searching', () => {
  it('searches on Enter, highlights the words, and draws the histogram on a true year axis', async () => {
    const page = await open('/')
    await page.locator('#q').fill('protection des témoins')
    await page.keyboard.press('Enter')
    await settled(page)
    expect(page.url()).toContain('q=protection+des+t%C3%A9moins')
    expect(await page.locator('.site-nav a[aria-current="page"]').allTextContents()).toEqual(['Rechercher'])
    const first = page.locator('.hit').first()
    await expect(first.locator('mark').first().textContent()).resolves.toMatch(/protection|témoins/i)
    expect(await page.locator('.hit').count()).toBe(20)
    // Every year from 2012 to 2022, those with no document as gaps (no count, not focusable).
    const bars = await page.locator('#histogram .bar').evaluateAll((nodes) => nodes.map((n) => [(n as HTMLElement).dataset.year, n.querySelector('.n')!.textContent]))
    expect(bars.map(([year]) => year)).toEqual(['2012', '2013', '2014', '2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022'])
    expect(bars.filter(([year]) => ['2014', '2016', '2017', '2018', '2020'].includes(year!)).map(([, n]) => n)).toEqual(['', '', '', '', ''])
    await first.locator('[data-act="full"]').click()
    await expect(first.locator('.fulltext').isVisible()).resolves.toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })

  it('says which semantic channels ran, and that a clustered dense channel searches approximately (answer altered by the test)', async () => {
    const page = await open(search('protection des témoins'))
    await settled(page)
    expect(await page.textContent('#semantic-note')).toBe('Recherche sémantique : n-grammes de caractères et traduction anglais→français (aucun modèle de plongements installé).')
    // The seeds are far below the size where vectors are clustered, and this rig has no model: the test rewrites the
    // server's real answer as one from a clustered index would read (a fake answer, the real page).
    const answerWithClusters = async (clusters: Record<string, number>) => {
      await page.unroute('**/search?**')
      await page.route('**/search?**', async (route) => {
        const answer = await (await route.fetch()).json()
        answer.semantic = { ...answer.semantic, dense: true, model: 'multilingual-e5-small', clusters }
        await route.fulfill({ json: answer })
      })
    }
    await answerWithClusters({ count: 1000, probe: 3, recall: 0.982 })
    await page.fill('#q', 'témoins')
    await page.press('#q', 'Enter')
    await page.waitForFunction(() => document.getElementById('semantic-note')!.textContent!.includes('approchée'))
    expect(await page.textContent('#semantic-note')).toBe(
      'Recherche sémantique : modèle multilingual-e5-small (recherche approchée : 1\u202f000 groupes de vecteurs, 3 parcourus par requête, 0,98 des 100 premiers de la recherche exacte retrouvés en moyenne, mesuré à la construction), n-grammes de caractères et traduction anglais→français.',
    )
    // With a probe count measured for queries far from every group too, the note gives it and its recalls at 100 and 10.
    await answerWithClusters({ count: 1000, probe: 3, recall: 0.982, farProbe: 120, farRecall: 0.985, farTopRecall: 0.981 })
    await page.fill('#q', 'témoin')
    await page.press('#q', 'Enter')
    await page.waitForFunction(() => document.getElementById('semantic-note')!.textContent!.includes('loin'))
    expect(await page.textContent('#semantic-note')).toBe(
      'Recherche sémantique : modèle multilingual-e5-small (recherche approchée : 1\u202f000 groupes de vecteurs, 3 parcourus par requête, 0,98 des 100 premiers de la recherche exacte retrouvés en moyenne ; 120 parcourus par une requête loin de tous les groupes, 0,99 des 100 premiers et 0,98 des 10 premiers pour celles-ci, mesuré à la construction), n-grammes de caractères et traduction anglais→français.',
    )
    await page.close()
  })

  it('asks the API only for the parts of a hit it shows', async () => {
    const page = await rig.context.newPage()
    const [answer] = await Promise.all([
      page.waitForResponse((response) => new URL(response.url()).pathname === '/search'),
      page.goto(rig.origin + search('trafic illicite de migrants')),
    ])
    await settled(page)
    expect(new URL(answer.url()).searchParams.get('fields')).toBe('text,variants,repaired')
    const hits = ((await answer.json()) as { results: Array<Record<string, unknown>> }).results
    expect(hits.some((hit) => 'scores' in hit || 'fusion' in hit)).toBe(false)
    expect(hits.every((hit) => typeof hit.text === 'string')).toBe(true)
    await page.close()
  })

  it('counts recommendations by their adoption year: 2013 has matches though no document is of 2013', async () => {
    const page = await open(search('migrants', '&mode=keyword&kind=recommendation'))
    await settled(page)
    const count2013 = await page.locator('#histogram .bar[data-year="2013"] .n').textContent()
    expect(Number(count2013)).toBeGreaterThan(0)
    await page.locator('#histogram .bar[data-year="2013"]').click()
    await settled(page)
    expect(page.url()).toMatch(/yearFrom=2013&yearTo=2013/)
    // Each is a recommendation of the 2015 compendium adopted in 2013, and says so.
    expect(new Set(await page.locator('.hit .adopted').allTextContents())).toEqual(new Set(['adoptée en 2013']))
    expect(await page.locator('.hit').count()).toBe(Math.min(20, Number(count2013)))
    await page.close()
  })

  it('narrows with filters, shows them above the results, and removes one from there', async () => {
    const page = await open(search('enquêtes financières', '&mode=keyword'))
    await settled(page)
    await page.locator('#kinds input[value="recommendation"]').check()
    await settled(page)
    expect(page.url()).toContain('kind=recommendation')
    expect(await page.locator('#active-filters').textContent()).toMatch(/Type : Recommandations/)
    // A click on 2012 keeps the recommendations adopted in 2012, the 2015 compendium's restatements included.
    await page.locator('#histogram .bar[data-year="2012"]').click()
    await settled(page)
    const years = await page.locator('.hit').evaluateAll((hits) =>
      hits.map((hit) => hit.querySelector('.adopted')?.textContent ?? hit.querySelector('.year')!.textContent),
    )
    expect(new Set(years)).toEqual(new Set(['2012', 'adoptée en 2012']))
    await page.locator('#active-filters .chip', { hasText: 'Année 2012' }).click()
    await settled(page)
    expect(page.url()).not.toContain('yearFrom')
    expect(page.url()).toContain('kind=recommendation')
    await page.goBack()
    await settled(page)
    expect(page.url()).toMatch(/yearFrom=2012/)
    await page.close()
  })

  it('lists every occurrence of a phrase, not grouped, and says so; grouping is one click away', async () => {
    const page = await open(search('"techniques d’enquête spéciales"', '&mode=keyword'))
    await settled(page)
    const status = await page.locator('#status').textContent()
    expect(status).toMatch(/^8 passages — chaque occurrence est listée/)
    expect(await page.locator('.hit').count()).toBe(8)
    await page.locator('#collapse').check()
    await settled(page)
    expect(await page.locator('#status').textContent()).toMatch(/résultats \(8 passages ; les variantes d’un même texte sont regroupées\)/)
    expect(page.url()).toContain('collapse=1')
    await page.close()
  })

  it('sorts by date both ways, and pages with a chosen page size, back to the top', async () => {
    const page = await open(search('"geler et confisquer"', '&mode=keyword'))
    await settled(page)
    await page.locator('#sort').selectOption('date')
    await settled(page)
    expect(page.url()).toContain('sort=date')
    expect(await page.locator('.hit .year').allTextContents()).toEqual(['2012', '2015'])
    await page.locator('#sort').selectOption('-date')
    await settled(page)
    expect(await page.locator('.hit .year').allTextContents()).toEqual(['2015', '2012'])

    const many = await open(search('migrants', '&mode=keyword&sort=date'))
    await settled(many)
    await many.locator('#page-size').selectOption('10')
    await settled(many)
    expect(await many.locator('.hit').count()).toBe(10)
    const years = (await many.locator('.hit .year').allTextContents()).map(Number)
    expect(years).toEqual([...years].sort((a, b) => a - b))
    await many.locator('#next').scrollIntoViewIfNeeded()
    await many.locator('#next').click()
    await settled(many)
    expect(many.url()).toContain('offset=10')
    expect(await many.locator('.hit .rank').first().textContent()).toBe('11.')
    // Back at the top of the results, focus on the list.
    expect(await many.evaluate(() => document.getElementById('results-top')!.getBoundingClientRect().top)).toBeLessThan(50)
    expect(await many.evaluate(() => document.activeElement?.id)).toBe('results')
    await page.close()
    await many.close()
  })

  it('says what it understood: an open quote, an English query translated, exclusions only', async () => {
    const page = await open(search('"geler et confisquer', '&mode=keyword'))
    await settled(page)
    expect(await page.locator('#notices').textContent()).toMatch(/Guillemet non fermé .*« geler et confisquer »/)
    await page.goto(rig.origin + search('witness protection'))
    await settled(page)
    expect(await page.locator('#notices').textContent()).toMatch(/traduit : protection des témoins/)
    await page.goto(rig.origin + search('-traite'))
    await settled(page)
    expect(await page.locator('#notices').textContent()).toMatch(/que des exclusions/)
    await page.close()
  })

  it('speaks French when the API refuses a request', async () => {
    const page = await open(search('trafic', '&yearFrom=2022&yearTo=2012'))
    await page.locator('#error').waitFor()
    expect(await page.locator('#error').textContent()).toBe('Un réglage de la recherche est invalide (adresse modifiée à la main ?) : effacez les filtres.')
    await page.close()
  })
})

describe('citing', () => {
  it('copies the reference, and the quoted text with its reference, as shown', async () => {
    const page = await open(search('"programmes locaux de protection des témoins"', '&mode=keyword'))
    await settled(page)
    const hit = page.locator(`.hit[data-id="${C2015}.p34"]`)
    await hit.locator('[data-act="copy"][data-format="ref"]').click()
    expect(await toastText(page)).toBe('Référence copiée : CTOC/COP/WG.7/2015/5, par. 34')
    expect(await clipboard(page)).toBe('CTOC/COP/WG.7/2015/5, par. 34')
    await clearToast(page)
    await hit.locator('.copy-more summary').click()
    await hit.locator('[data-act="copy"][data-format="quote"]').click()
    expect(await clipboard(page)).toMatch(/^«\sLes États parties voudront peut-être envisager .* auteurs de cette infraction\.\s» \(CTOC\/COP\/WG\.7\/2015\/5, par\. 34\)$/)
    await page.close()
  })

  it('shows a scanned report repaired and marked so, the scan one click away; the copy is what is shown', async () => {
    const page = await open(search('"programmes locaux de protection des témoins"', '&mode=keyword'))
    await settled(page)
    const hit = page.locator(`.hit[data-id="${R2012}.p12"]`)
    // The 2012 report was scanned: its heading is its short name, not its 25-word title.
    expect(await hit.locator('.cite').textContent()).toBe('Rapport du Groupe de travail (Vienne, 2012), par. 12')
    await hit.locator('[data-act="full"]').click()
    expect(await hit.locator('.fulltext').textContent()).toMatch(/peut-être envisager .* enquêtes, les poursuites .* l’encontre/)
    expect(await hit.locator('.repair-note').textContent()).toMatch(/corrigé automatiquement/)
    await hit.locator('.copy-more summary').click()
    await hit.locator('[data-act="copy"][data-format="quote"]').click()
    expect(await clipboard(page)).toMatch(/peut-être .* enquêtes, .* l’encontre .*\(Rapport du Groupe de travail \(Vienne, 2012\), par\. 12\)$/)
    await page.locator(`.hit[data-id="${R2012}.p12"] [data-act="source"]`).click()
    const scanned = page.locator(`.hit[data-id="${R2012}.p12"]`)
    expect(await scanned.locator('.repair-note').textContent()).toMatch(/tel que numérisé/)
    await scanned.locator('.copy-more summary').click()
    await scanned.locator('[data-act="copy"][data-format="quote"]').click()
    expect(await clipboard(page)).toMatch(/peut-étre .* enquétes, .* I’encontre/)
    await page.close()
  })

  it('falls back to the copy command without the clipboard API', async () => {
    const page = await open(search('"programmes locaux de protection des témoins"', '&mode=keyword'))
    await settled(page)
    await page.evaluate(() => {
      const real = navigator.clipboard
      Object.assign(window, { readClipboard: () => real.readText() })
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true })
    })
    await page.locator(`.hit[data-id="${C2015}.p34"] [data-format="ref"]`).click()
    expect(await toastText(page)).toBe('Référence copiée : CTOC/COP/WG.7/2015/5, par. 34')
    expect(await page.evaluate(() => (window as unknown as { readClipboard: () => Promise<string> }).readClipboard())).toBe('CTOC/COP/WG.7/2015/5, par. 34')
    await page.close()
  })

  it('copies the address of the search', async () => {
    const page = await open(search('témoins', '&sort=-date'))
    await settled(page)
    await page.locator('#copy-link').click()
    expect(await clipboard(page)).toBe(`${rig.origin}/?q=t%C3%A9moins&sort=-date`)
    await page.close()
  })
})

describe('a passage in context', () => {
  it('opens from a result with its document, neighbours and official link; Escape closes it and gives focus back', async () => {
    const page = await open(search('"geler et confisquer"', '&mode=keyword'))
    await settled(page)
    const link = page.locator(`.hit[data-id="${C2015}.p36"] .cite`)
    await link.focus()
    await page.keyboard.press('Enter')
    const view = page.locator('#passage')
    await view.locator('.variant').nth(1).waitFor()
    expect(page.url()).toContain(`p=${C2015}.p36`)
    expect(await page.title()).toBe('CTOC/COP/WG.7/2015/5, par. 36 — Recherche documentaire')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('passage-title')
    expect(await view.locator('.doc-details').first().textContent()).toMatch(/CTOC\/COP\/WG\.7\/2015\/5.*Sixième session.*Recueil de recommandations.*Adoptée en2012/s)
    expect(await view.locator('a', { hasText: 'Document officiel' }).getAttribute('href')).toBe('https://undocs.org/fr/CTOC/COP/WG.7/2015/5')
    expect(await view.locator('.context.before li').count()).toBe(2)
    await view.locator('[data-more="before"]').click()
    expect(await view.locator('.context.before li').count()).toBe(6)
    expect(await seriousViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => document.getElementById('passage')!.hidden)
    expect(page.url()).not.toContain('p=')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('CTOC/COP/WG.7/2015/5, par. 36')
    await page.close()
  })

  it('opens from a permalink, with the close button', async () => {
    const page = await open(`/?p=${C2015}.p34`)
    const view = page.locator('#passage')
    await view.locator('.variant').nth(1).waitFor()
    expect(await view.locator('.cite').first().textContent()).toBe('CTOC/COP/WG.7/2015/5, par. 34')
    await view.locator('[data-act="close"]').click()
    await page.waitForFunction(() => document.getElementById('passage')!.hidden)
    await page.close()
  })
})

describe('documents', () => {
  it('lists every document with its details, and reads one whole, each paragraph linkable', async () => {
    const page = await open('/')
    await page.locator('.site-nav a', { hasText: 'Documents' }).click()
    await page.locator('.doc-card').nth(4).waitFor()
    expect(page.url()).toContain('view=documents')
    expect(await page.locator('.site-nav a[aria-current="page"]').allTextContents()).toEqual(['Documents'])
    expect(await page.locator('.doc-card h3').allTextContents()).toEqual([
      'Rapport du Groupe de travail (Vienne, 2012)',
      'CTOC/COP/WG.7/2015/5',
      'Projet de rapport, additif (Vienne, 2019)',
      'Rapport du Groupe de travail (Vienne, 2021)',
      'CTOC/COP/2022/3',
    ])
    expect(await seriousViolations(page)).toEqual([])
    await page.locator('.doc-card h3 a', { hasText: 'CTOC/COP/WG.7/2015/5' }).click()
    await page.locator('.reading-para').first().waitFor()
    expect(await page.locator('.doc-heading').first().textContent()).toBe('I. Introduction')
    expect(await page.locator('.reading-para').count()).toBeGreaterThan(90)
    expect(await seriousViolations(page)).toEqual([])

    const anchored = await open(`/?read=${C2015}#p36`)
    await anchored.locator('#p36.target').waitFor()
    expect(await anchored.evaluate(() => document.activeElement?.closest('.reading-para')?.id)).toBe('p36')
    expect(await anchored.evaluate(() => document.getElementById('p36')!.getBoundingClientRect().top)).toBeLessThan(100)
    await page.close()
    await anchored.close()
  })

  it('the API reference page is reachable from the site and passes axe', async () => {
    const page = await open('/api')
    expect(await page.locator('h1').textContent()).toMatch(/API reference/)
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })
})

describe('export and print', () => {
  it('exports every matching passage as CSV for a French Excel, with the search recorded', async () => {
    const page = await open(search('témoins', '&mode=keyword'))
    await settled(page)
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()])
    expect(download.suggestedFilename()).toBe('recherche-témoins.csv')
    const bytes = await readFile((await download.path())!)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(bytes.subarray(3).toString('utf8'), ';')
    expect(rows[0]).toEqual(['requete', 'témoins'])
    expect(rows.find((row) => row[0] === 'filtres')).toEqual(['filtres', 'aucun'])
    expect(rows.find((row) => row[0] === 'exporte_le')![1]).toMatch(/\d{2}\/\d{2}\/\d{4}/)
    const header = rows.findIndex((row) => row[0] === 'rang')
    expect(rows[header]).toEqual(['rang', 'reference', 'page', 'annee', 'adoptee_en', 'cote', 'document', 'paragraphe', 'section', 'type', 'texte', 'texte_numerise', 'id', 'lien'])
    // Every passage, not the grouped page: as many as the API counts without grouping.
    const api = (await (await fetch(rig.origin + '/search?q=t%C3%A9moins&mode=keyword&k=100')).json()) as any
    const data = rows.slice(header + 1)
    expect(data.length).toBe(api.total)
    expect(data.map((row) => row[1])).toEqual(api.results.map((hit: any) => hit.citation.label))
    expect(new Set(data.map((row) => row[9]))).toEqual(new Set(['Recommandation', 'Délibération', 'Texte'].filter((kind) => data.some((row) => row[9] === kind))))
    expect(data.every((row) => ['Recommandation', 'Délibération', 'Texte'].includes(row[9]!))).toBe(true)

    const [json] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()])
    const body = JSON.parse(await readFile((await json.path())!, 'utf8'))
    expect(body).toMatchObject({ requete: 'témoins', total: api.total, exported: api.total })
    await page.close()
  })

  it('prints the query, the filters, the date and the address with the results, and no buttons', async () => {
    const page = await open(search('témoins', '&kind=recommendation'))
    await settled(page)
    await page.emulateMedia({ media: 'print' })
    const head = await page.locator('#print-head').innerText()
    expect(head).toMatch(/Recherche : témoins/)
    expect(head).toMatch(/Filtres : type Recommandation/)
    expect(head).toMatch(/Imprimé le : \d{2}\/\d{2}\/\d{4}/)
    expect(head).toContain(`Adresse : ${rig.origin}/?q=t%C3%A9moins&kind=recommendation`)
    expect(await page.locator('#search').isVisible()).toBe(false)
    expect(await page.locator('.hit .actions').first().isVisible()).toBe(false)
    expect(await page.locator('.hit').first().isVisible()).toBe(true)
    await page.close()
  })
})

describe('phone and keyboard', () => {
  it('fits a phone: filters folded but summarised, each passage’s actions in a menu', async () => {
    const page = await open(search('"geler et confisquer"', '&kind=recommendation'), { width: 390, height: 844 })
    await settled(page)
    await page.waitForFunction(() => !(document.getElementById('filters') as HTMLDetailsElement).open)
    expect(await page.locator('#active-filters').isVisible()).toBe(true)
    const hit = page.locator('.hit').first()
    expect(await hit.locator('[data-act="similar"]').isVisible()).toBe(false)
    await hit.locator('.actions > summary').click()
    expect(await hit.locator('[data-act="similar"]').isVisible()).toBe(true)
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })

  it('reaches the first result in a few Tab presses, and `/` comes back to the search box', async () => {
    const page = await open(search('trafic', '&mode=keyword'))
    await settled(page)
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    // From the skip link, past the result tools, to the first result's citation.
    let presses = 1
    while (presses < 12 && !(await page.evaluate(() => document.activeElement?.classList.contains('cite')))) {
      await page.keyboard.press('Tab')
      presses++
    }
    expect(presses).toBeLessThanOrEqual(10)
    await page.keyboard.press('/')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q')
    await page.keyboard.type('témoins')
    expect(await page.locator('#q').inputValue()).toBe('témoins')
    await page.close()
  })
})

describe('everything above', () => {
  it('made no request to any other server and logged no error', () => {
    expect(requests.length).toBeGreaterThan(50)
    expect(requests.filter((url) => !url.startsWith(rig.origin + '/') && !url.startsWith(`blob:${rig.origin}/`))).toEqual([])
    // The one refusal asked for (the French error test) is the only resource that failed to load.
    expect(problems.filter((problem) => problem !== 'Failed to load resource: the server responded with a status of 400 (Bad Request)')).toEqual([])
    expect(problems.length).toBeLessThanOrEqual(1)
  })
})

/** CSV with quoted fields, doubled quotes and CRLF between records. */
function parseCsv(text: string, separator: string): string[][] {
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
    else if (c === separator) row.push(field), (field = '')
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row.length === 1 && row[0] === '' ? [] : row)
      ;(row = []), (field = ''), i++
    } else field += c
  }
  return rows
}
