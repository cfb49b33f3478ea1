import { loadCorpus } from '../src/ingest/load.js'
import { keywordDocument } from '../src/index/build.js'
import { KeywordIndex } from '../src/index/keyword.js'
import { phraseForm } from '../src/text/analyzer.js'
const { passages } = await loadCorpus('seeds')
const kw = KeywordIndex.build(passages.map(keywordDocument))
for (const phrase of ['1er juin', '1er juillet', 'visant à incriminer', "de l'Afrique", 'a élaboré', 'en renforçant', 'intérêts légitimes', 'huitième réunion', 'la législation', 'criminalité organisée', "l'élaboration"]) {
  const ids: string[] = []
  kw.phrase(phraseForm(phrase)).forEach((n) => ids.push(kw.ids[n]!))
  console.log(phrase.padEnd(24), ids.length, ids.map((id) => id.slice(0, 3) + id.slice(id.indexOf('.'))).join(' '))
}
