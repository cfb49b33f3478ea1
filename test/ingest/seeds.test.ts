// Goldens for the five seeds: every paragraph found in order, exact texts, sections, offsets, no furniture.

import { describe, expect, it } from 'vitest'
import { numbers, parsedSeed, recommendations, SEEDS, type SeedKey } from './helpers.js'

const KEYS = Object.keys(SEEDS) as SeedKey[]

describe('paragraph sequences', () => {
  it('000: ¶1–75, including the one OCR wrote `44,`', () => {
    expect(parsedSeed('000').passages.map((p) => p.paragraph)).toEqual(numbers(1, 75))
  })

  it('001: ¶1–92, across the page header between ¶63 and II.B', () => {
    expect(parsedSeed('001').passages.map((p) => p.paragraph)).toEqual(numbers(1, 92))
  })

  it('002: ¶1–75, ¶47 once although the OCR printed it twice', () => {
    expect(parsedSeed('002').passages.map((p) => p.paragraph)).toEqual(numbers(1, 75))
  })

  it('003: ¶1–4, Recommandations 1–12, then ¶5–41', () => {
    expect(parsedSeed('003').passages.map((p) => p.paragraph)).toEqual([...numbers(1, 4), ...recommendations(1, 12), ...numbers(5, 41)])
  })

  it('004: Recommandation 22, then the Markdown list items 1–5', () => {
    expect(parsedSeed('004').passages.map((p) => p.paragraph)).toEqual(['Recommandation 22', ...numbers(1, 5)])
  })

  it.each(KEYS)('%s: ids are unique, stable and follow the labels; order counts from 0', (key) => {
    const { document, passages } = parsedSeed(key)
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length)
    expect(passages.map((p) => p.order)).toEqual(passages.map((_, i) => i))
    for (const passage of passages) {
      const expected = passage.paragraph.startsWith('Recommandation') ? `r${passage.paragraph.slice(15)}` : `p${passage.paragraph}`
      expect(passage.id).toBe(`${document.id}.${expected}`)
      expect(passage.docId).toBe(document.id)
      expect(passage.file).toBe(SEEDS[key])
    }
  })
})

describe('passage texts, exactly as written', () => {
  it('000 ¶44: the `44,` paragraph, its number not in the text', () => {
    expect(parsedSeed('000').byLabel('44').text).toBe(
      'Les Etats parties devraient utiliser la Convention contre la criminalité organisée comme base juridique de la coopération internationale, en particulier sous forme d’entraide judiciaire et d’extradition, pour lutter contre le trafic illicite de migrants.',
    )
  })

  it('000 ¶12: continues over a page break, OCR damage kept (`peut-étre`, `I’encontre`)', () => {
    expect(parsedSeed('000').byLabel('12').text).toBe(
      'Les Etats parties voudront peut-étre envisager de prendre en compte le trafic illicite de migrants dans les programmes locaux de protection des témoins afin d’encourager la coopération des témoins, d’obtenir leurs dépositions et de faciliter les enquétes, les poursuites et les condamnations a I’encontre des auteurs de cette infraction.',
    )
  })

  it('000 ¶74: a symbol broken after its slash is rejoined', () => {
    expect(parsedSeed('000').byLabel('74').text).toBe('La liste des participants figure dans le document CTOC/COP/WG.7/2012/INF.1/Rev.2.')
  })

  it('000 ¶66: the agenda list stays inside its paragraph', () => {
    const text = parsedSeed('000').byLabel('66').text
    expect(text.startsWith('A sa 1" séance, le 30 mai 2012, le Groupe de travail a adopté par consensus son ordre du jour provisoire: 1. Questions d’organisation: a) Ouverture de la réunion; b) Adoption')).toBe(true)
    expect(text.endsWith('6. Autres questions. 7. Adoption du rapport.')).toBe(true)
  })

  it('001 ¶90: lettered items a)–e) stay inside the paragraph', () => {
    expect(parsedSeed('001').byLabel('90').text).toBe(
      'Le Groupe de travail sur le trafic illicite de migrants a recommandé à la Conférence que les thèmes suivants, entre autres, soient examinés lors de futures réunions du Groupe: a) Le trafic illicite de migrants vulnérables, tels que les enfants, y compris les enfants non accompagnés; b) Les mesures pratiques visant à prévenir le trafic illicite de migrants, telles que la délivrance d’un visa à l’entrée sur le territoire, des campagnes d’information du public et des sessions de formation sur les documents frauduleux; c) Les aspects du trafic illicite de migrants qui relèvent de la criminalité organisée, y compris les enquêtes financières et les mesures ciblant le produit du crime; d) Le trafic illicite de migrants par mer; e) Les mesures de justice pénale, y compris les enquêtes et les poursuites relatives aux auteurs du trafic illicite de migrants.',
    )
  })

  it('001 ¶4: the title footnote `∗ CTOC/COP/WG.7/2015/1.` after the rule is not glued on', () => {
    expect(parsedSeed('001').byLabel('4').text).toBe('Le présent document d’information a été établi par le Secrétariat pour assister le Groupe de travail dans ses délibérations.')
  })

  it('002 ¶67: a real hyphen at a line end is kept (`pots-\\nde-vin`)', () => {
    expect(parsedSeed('002').byLabel('67').text).toBe(
      'Les profits tirés du trafic illicite de personnes migrantes sont limités le long des itinéraires terrestres en Afrique du Nord et de 1’Ouest. Le colt de la traversée maritime s’ajoute a celui du transport par voie terrestre le long de toutes les routes maritimes de la Méditerranée et le long de la route de 1’ Afrique du Nord-Ouest. Dans ce contexte, I’\'une des fonctions essentielles des passeurs consiste a verser des pots-de-vin au nom des personnes en situation de déplacement, en payant des acteurs étatiques et en payant le « prix de la protection » a des acteurs non étatiques.',
    )
  })

  it('002: compounds broken at a line end keep their hyphen', () => {
    const seed = parsedSeed('002')
    expect(seed.byLabel('30').text).toContain('le Plan de lutte contre le trafic illicite de migrants (2019-2025). En mars 2022')
    expect(seed.byLabel('37').text).toContain('des Caraibes et du Moyen-Orient qui ont examiné')
    expect(seed.byLabel('54').text).toContain('ne couvrent pas les non-ressortissants ukrainiens')
  })

  it('002 ¶23/¶24: the page header, URLs and page counter between them belong to neither', () => {
    const seed = parsedSeed('002')
    expect(seed.byLabel('23').text.endsWith('L’ONUDC continue de fournir des informations en vue de 1’établissement des rapports du Secrétaire général concernant les résolutions.')).toBe(true)
    expect(seed.byLabel('24').text.startsWith('Le premier Forum d’examen des migrations internationales, qui s’est tenu du 16 au 20 mai 2022, a examiné')).toBe(true)
  })

  it('002 ¶47: the first copy is kept; the footnote inside the second copy is not text', () => {
    const text = parsedSeed('002').byLabel('47').text
    expect(text).toContain('aux techniques d’enquéte liées aux affaires de traite')
    expect(text.endsWith('qui a contribué au renforcement de leurs capacités.')).toBe(true)
    expect(text).not.toContain('Kosovo')
  })

  it('002 ¶58: the footnote printed after it (`IN)` + reference) is not glued on', () => {
    expect(parsedSeed('002').byLabel('58').text.endsWith('ont été renforcées et que le nombre de personnes empruntant cet itinéraire a diminué.')).toBe(true)
  })

  it('003 ¶38: continues across a footnote rule, its note, two URLs and a page break', () => {
    expect(parsedSeed('003').byLabel('38').text).toBe(
      'Les organisations et mécanismes intergouvernementaux énumérés ci-après étaient représentés par des observateurs ou observatrices, certain(e)s participant à distance en raison des modalités d’organisation particulières liées à la pandémie de COVID-19 : Agence de l’Union européenne pour la coopération judiciaire en matière pénale, Assemblée parlementaire de la Méditerranée, Bureau d’appui régional du Processus de Bali sur le trafic de migrants, la traite des personnes et la criminalité transnationale qui y est associée, Bureau de la Conseillère spéciale du Secrétaire général pour la prévention du génocide, Bureau de la Représentante spéciale du Secrétaire général chargée de la question de la violence contre les enfants, Centre de coopération en matière de détection et de répression pour l’Europe du Sud-Est, Communauté d’États indépendants, Conseil de coopération des États arabes du Golfe, Haut-Commissariat des Nations Unies pour les réfugiés, Institut européen pour la prévention du crime et la lutte contre la délinquance, affilié à l’ONU, Ligue des États arabes, Organisation internationale de police criminelle (INTERPOL), Organisation internationale pour les migrations, Organisation mondiale de la Santé, Organisation pour la sécurité et la coopération en Europe.',
    )
  })

  it('003 Recommandation 7: double-spaced lines joined, the label not in the text', () => {
    expect(parsedSeed('003').byLabel('Recommandation 7').text).toBe(
      'Les États parties sont encouragés à revoir leur législation, le cas échéant, pour se conformer pleinement à la définition du trafic illicite de migrants, telle qu’elle figure dans le Protocole relatif au trafic illicite de migrants, notamment en établissant la responsabilité pénale en vertu du Protocole lorsque l’objectif d’obtenir un avantage financier ou autre avantage matériel est clairement établi, tout en tenant dûment compte des facteurs humanitaires et personnels.',
    )
  })

  it('003 Recommandation 8: odd spacing (`l ’ampleur`) is kept, only runs of spaces collapse', () => {
    expect(parsedSeed('003').byLabel('Recommandation 8').text).toBe(
      'Les États parties sont encouragés à renforcer leurs mesures de lutte contre la corruption, qui peut favoriser le trafic de personnes migrantes et qui pourrait entraver les poursuites efficaces, et à recueillir des données sur l ’ampleur de ce phénomène.',
    )
  })

  it('003 ¶30: the agenda items 1.–5. stay in the paragraph; ¶31 follows', () => {
    const seed = parsedSeed('003')
    expect(seed.byLabel('30').text).toBe(
      'À sa 1re séance, le 14 octobre 2021, le Groupe de travail a adopté par consensus l’ordre du jour ci-après : 1. Questions d’organisation : a) Ouverture de la réunion ; b) Adoption de l’ordre du jour et organisation des travaux. 2. Analyse de l’influence que peut avoir l’accès aux voies légales de la migration sur la réduction de la demande concernant le trafic illicite de personnes migrantes. 3. Comment renforcer les moyens d’engager des poursuites dans les affaires de trafic illicite de personnes migrantes. 4. Questions diverses. 5. Adoption du rapport.',
    )
  })

  it('004 Recommandation 22: lettered items a)–m) kept inside, Markdown gone', () => {
    const text = parsedSeed('004').byLabel('Recommandation 22').text
    expect(text.startsWith('Le Groupe de travail devrait traiter les questions suivantes à titre prioritaire lors de ses prochaines réunions : a) analyse de l\'influence')).toBe(true)
    for (const letter of 'abcdefghijklm') expect(text).toContain(` ${letter}) `)
    expect(text.endsWith('m) promotion de l\'échange d\'informations, le but étant de les rendre accessibles aux agents du système pénal par des moyens simples, si possible par voie électronique, et qu\'elles soient fiables et utiles dans les poursuites pénales.')).toBe(true)
  })

  it('004 ¶4 and ¶5: indented Markdown list items; the stray `-` at the end is not text', () => {
    const seed = parsedSeed('004')
    expect(seed.byLabel('4').text).toBe('La Thaïlande, État signataire du Protocole relatif au trafic illicite de migrants, a fait une déclaration.')
    expect(seed.byLabel('5').text).toBe('L\'observateur du Maroc a également fait une déclaration.')
  })
})

describe('section paths', () => {
  it('000: OCR roman numeral `Il.`, a letter heading alone on its line, headings OCR lost the number of', () => {
    const seed = parsedSeed('000')
    expect(seed.byLabel('2').section).toEqual(['I. Introduction'])
    expect(seed.byLabel('3').section).toEqual(['Il. Recommandations'])
    expect(seed.byLabel('21').section).toEqual(['Il. Recommandations', 'B. Protection et assistance'])
    expect(seed.byLabel('59').section).toEqual(['Organisation de la réunion', 'Ouverture de la réunion'])
    expect(seed.byLabel('66').section).toEqual(['Organisation de la réunion', 'Adoption de I’ordre du jour'])
    expect(seed.byLabel('67').section).toEqual(['Organisation de la réunion', 'C. Participation'])
  })

  it('001: wrapped headings joined on one line', () => {
    expect(parsedSeed('001').byLabel('36').section).toEqual([
      'IV. Recommandations relatives à l’incrimination du trafic illicite de migrants et aux enquêtes et poursuites concernant cette infraction',
      'A. Recommandations adoptées par le Groupe de travail à sa première réunion, tenue à Vienne du 30 mai au 1er juin 2012',
    ])
    expect(parsedSeed('001').byLabel('64').section[1]).toBe('B. Recommandations adoptées par le Groupe de travail à sa deuxième réunion, tenue à Vienne du 11 au 13 novembre 2013')
  })

  it('002: `I1.` alone on its line, unnumbered headings, a stacked pair, a subheading numbered `3.`', () => {
    const seed = parsedSeed('002')
    const part = 'I1. Activités destinées a aider les Etats a appliquer le Protocole relatif au trafic illicite de migrants'
    expect(seed.byLabel('5').section).toEqual([part])
    expect(seed.byLabel('6').section).toEqual([part, 'Etablissement de politiques et de normes et coopération et coordination interinstitutions'])
    expect(seed.byLabel('7').section).toEqual([part, 'Appui aux mécanismes intergouvernementaux', 'Conférence des Parties a la Convention des Nations Unies contre la criminalité transnationale organisée'])
    expect(seed.byLabel('13').section).toEqual([part, 'Commission pour la prévention du crime et la justice pénale'])
    expect(seed.byLabel('31').section).toEqual([part, '3. Elaboration d’outils de connaissances, d’outils normatifs et de directives de politique générale'])
    expect(seed.byLabel('68').section).toEqual([part, 'Risques et abus'])
    expect(seed.byLabel('72').section).toEqual(['III. Conclusions'])
  })

  it('003: recommendations under their lettered heading', () => {
    expect(parsedSeed('003').byLabel('Recommandation 7').section).toEqual([
      'II. Recommandations',
      'B. Recommandations sur comment renforcer les moyens d’engager des poursuites dans les affaires de trafic illicite de personnes migrantes',
    ])
    expect(parsedSeed('003').byLabel('41').section).toEqual(['V. Adoption du rapport'])
  })

  it('004: Markdown `#`, `**` and `*…*` stripped from headings', () => {
    const seed = parsedSeed('004')
    expect(seed.byLabel('Recommandation 22').section).toEqual(['II. Recommandations (suite)', 'A. Recommandations générales'])
    expect(seed.byLabel('1').section).toEqual(['III. Résumé des délibérations (suite)'])
    expect(seed.byLabel('3').section).toEqual(['IV. Organisation de la réunion', 'B. Déclarations (suite)'])
  })
})

describe('passage kinds', () => {
  const kinds = (key: SeedKey) => parsedSeed(key).passages.map((p) => `${p.paragraph}:${p.kind}`)
  const run = (labels: string[], kind: string) => labels.map((label) => `${label}:${kind}`)

  it('000: introduction narrative, Recommandations, then the organisation of the meeting', () => {
    expect(kinds('000')).toEqual([...run(numbers(1, 2), 'narrative'), ...run(numbers(3, 58), 'recommendation'), ...run(numbers(59, 75), 'deliberation')])
  })

  it('001: introduction narrative, every compiled recommendation a recommendation', () => {
    expect(kinds('001')).toEqual([...run(numbers(1, 4), 'narrative'), ...run(numbers(5, 92), 'recommendation')])
  })

  it('002: a Secretariat report is narrative throughout', () => {
    expect(new Set(parsedSeed('002').passages.map((p) => p.kind))).toEqual(new Set(['narrative']))
  })

  it('003: summary of deliberations and organisation are deliberation', () => {
    expect(kinds('003')).toEqual([
      ...run(numbers(1, 3), 'narrative'),
      ...run(['4', ...recommendations(1, 12)], 'recommendation'),
      ...run(numbers(5, 41), 'deliberation'),
    ])
  })

  it('004: the recommendation, then deliberation', () => {
    expect(kinds('004')).toEqual(['Recommandation 22:recommendation', ...run(numbers(1, 5), 'deliberation')])
  })
})

describe('offsets into the raw file', () => {
  it.each(KEYS)('%s: raw.slice(start, end) starts with the first words and ends with the last ones (line breaks aside)', (key) => {
    const { raw, passages } = parsedSeed(key)
    const compact = (text: string) => text.replace(/\s+/g, '')
    for (const passage of passages) {
      const source = raw.slice(passage.start, passage.end)
      const words = passage.text.split(' ')
      expect(source[0], passage.id).toBe(passage.text[0])
      expect(source[source.length - 1], passage.id).toBe(passage.text[passage.text.length - 1])
      expect(compact(source).startsWith(compact(words.slice(0, 3).join(' '))), passage.id).toBe(true)
      expect(compact(source).endsWith(compact(words.slice(-3).join(' '))), passage.id).toBe(true)
    }
  })

  it('003 ¶38 spans the footnote it was split by', () => {
    const { raw, byLabel } = parsedSeed('003')
    const source = raw.slice(byLabel('38').start, byLabel('38').end)
    expect(source).toContain('__________________')
    expect(source.startsWith('Les organisations')).toBe(true)
  })
})

describe('page furniture', () => {
  it.each(KEYS)('%s: no running header, page counter, rule, URL or Markdown in any passage or heading', (key) => {
    for (const passage of parsedSeed(key).passages) {
      for (const text of [passage.text, ...passage.section]) {
        expect(text, passage.id).not.toMatch(/V\.\d{2}-\d{5}|_{3,}|https?:|www\.|\b\d{1,2}\/14\b|[#*]|CTOC\/COP\/WG\.7\/2015\/5|CTOC\/COP\/2022\/3/)
      }
    }
  })

  it('footnote bodies are not passages or text: Kosovo note, Ukraine reference, the `1  www…` note', () => {
    const all = KEYS.flatMap((key) => parsedSeed(key).passages.map((p) => p.text)).join('\n')
    expect(all).not.toContain('Toute mention du Kosovo')
    expect(all).not.toContain('Conflict in Ukraine: key evidence')
    expect(all).not.toContain('2021.html')
  })

  it('000: the annex table of documents yields no passage', () => {
    const texts = parsedSeed('000').passages.map((p) => p.text).join('\n')
    expect(texts).not.toContain('Numéro du document')
    expect(texts).not.toContain('Ordre du jour provisoire annoté')
  })
})
