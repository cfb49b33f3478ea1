// Derives data/thesaurus-fr.tsv.gz and its licence file from Debian's mythes-fr (the LibreOffice French thesaurus).
// Development time only: `apt-get install -y mythes-fr`, then `npx tsx scripts/build-thesaurus.ts`.
// Usage: npx tsx scripts/build-thesaurus.ts [thesaurus=/usr/share/mythes/thes_fr.dat] [outDir=data]
//
// The file is keyed by stem, as the index is: each line is a stem, a tab, then the stems of the single-word
// synonyms of every headword with that stem, space separated. Stemmed here (src/text/analyzer.ts) so that the
// engine reads it without stemming 400,000 words; regenerate it when the stemmer changes.

import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { foldTerm, isStopWord, stem } from '../src/text/analyzer.js'
import { THESAURUS_FILE_NAME } from '../src/search/term-relations.js'

const source = process.argv[2] ?? '/usr/share/mythes/thes_fr.dat'
const outDir = process.argv[3] ?? 'data'
const PACKAGE = 'mythes-fr'
const COPYRIGHT = `/usr/share/doc/${PACKAGE}/copyright`
const LGPL = '/usr/share/common-licenses/LGPL-2.1'

// MyThes format: an encoding line, then for each headword `word|n` followed by n lines `(Part of speech)|syn|syn…`.
const lines = readFileSync(source, 'utf8').split('\n')
const synonyms = new Map<string, Set<string>>()
// A multi-word synonym ("bon marché") cannot be one stem; a stop word says nothing.
const single = (word: string) => /^[\p{L}]+$/u.test(word) && !isStopWord(foldTerm(word))
for (let i = 1; i < lines.length; ) {
  const [headword, count] = lines[i]!.split('|')
  const n = Number(count)
  if (!headword || !Number.isInteger(n)) {
    i++
    continue
  }
  if (single(headword)) {
    const key = stem(foldTerm(headword))
    const known = synonyms.get(key) ?? new Set<string>()
    for (const meaning of lines.slice(i + 1, i + 1 + n)) {
      for (const word of meaning.split('|').slice(1)) if (single(word)) known.add(stem(foldTerm(word)))
    }
    known.delete(key)
    if (known.size) synonyms.set(key, known)
  }
  i += 1 + n
}

let debianVersion = 'unknown'
try {
  debianVersion = execFileSync('dpkg-query', ['-W', '-f', '${Version}', PACKAGE], { encoding: 'utf8' }).trim()
} catch {
  // Not fatal: the version is only recorded in the header.
}
const header = [
  `# French thesaurus of LibreOffice (Debian package ${PACKAGE} ${debianVersion}, ${source}), derived by scripts/build-thesaurus.ts.`,
  '# GNU Lesser General Public License version 2.1 or later: see LICENSE-thesaurus.txt.',
  '# One stem per line (src/text/analyzer.ts), then a tab and the stems of its single-word synonyms, space separated.',
]
const body = [...synonyms].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, known]) => `${key}\t${[...known].sort().join(' ')}`)
writeFileSync(join(outDir, THESAURUS_FILE_NAME), gzipSync(`${[...header, ...body].join('\n')}\n`, { level: 9 }))

const copyright = readFileSync(COPYRIGHT, 'utf8')
const stanza = /Files: dictionaries\/fr_FR\/thes_fr\.dat\n(?:.+\n)+/.exec(copyright)?.[0] ?? ''
if (!stanza) throw new Error(`build-thesaurus: the thes_fr.dat stanza is missing from ${COPYRIGHT}`)
const licence = [
  `data/${THESAURUS_FILE_NAME} is derived from the French thesaurus of LibreOffice`,
  `(Debian package ${PACKAGE} ${debianVersion}, file thes_fr.dat).`,
  'It is distributed under the GNU Lesser General Public License, version 2.1 or (at your option)',
  'any later version, like the thesaurus it comes from. The derivation (scripts/build-thesaurus.ts)',
  'keeps the single-word synonyms, folds and stems every word, and merges the headwords of one stem.',
  '',
  `From ${COPYRIGHT}:`,
  '',
  stanza.trimEnd(),
  '',
  readFileSync(LGPL, 'utf8').trimEnd(),
]
writeFileSync(join(outDir, 'LICENSE-thesaurus.txt'), `${licence.join('\n')}\n`)
console.log(`${synonyms.size} stems, ${[...synonyms.values()].reduce((n, s) => n + s.size, 0)} synonym pairs → ${join(outDir, THESAURUS_FILE_NAME)}`)
