import { loadCorpus } from '../src/ingest/load.js'
const { passages } = await loadCorpus('seeds')
const cases: Array<[string, RegExp]> = [
  ['1er juin', /1(?:er|%|°"?)\s+juin/i],
  ['1er juillet', /1(?:er|%|°"?)\s+juillet/i],
  ['visant à incriminer', /visant\s+(?:à|&|a)\s+incriminer/i],
  ["de l'Afrique", /de\s+(?:l|I|1|1I)\s?[’']\s?Afrique/i],
  ['a élaboré', /\ba\s+(?:é|¢|¢é)labor[é¢](?![\p{L}])/iu],
  ['en renforçant', /en\s+renfor[ç¢c]ant/i],
  ['intérêts légitimes', /int[ée]r[êé]ts\s+[l1]égitimes/i],
  ['huitième réunion', /huiti(?:è|é|¢é)me\s+réunion/i],
  ['la législation', /\bla\s+[l1]égislation/i],
  ['criminalité organisée', /criminalit(?:é|¢é)\s+organisée/i],
  ["l'élaboration", /(?:l|I|1)[’']\s?(?:é|¢)laboration/i],
]
for (const [phrase, re] of cases) {
  const hits = passages.filter((p) => re.test(p.text))
  console.log(phrase.padEnd(24), hits.length, hits.map((p) => p.id.slice(0, 3) + p.id.slice(p.id.indexOf('.'))).join(' '))
}
