// Derives data/freedict-eng-fra.tsv and its licence file from Debian's dict-freedict-eng-fra (dictd format).
// Development time only: `apt-get install -y dict-freedict-eng-fra`, then `npx tsx scripts/build-dictionary.ts`.
// Usage: npx tsx scripts/build-dictionary.ts [dictdDir=/usr/share/dictd] [outDir=data]

import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

const dictdDir = process.argv[2] ?? '/usr/share/dictd'
const outDir = process.argv[3] ?? 'data'
const PACKAGE = 'dict-freedict-eng-fra'
const COPYRIGHT = `/usr/share/doc/${PACKAGE}/copyright`
const GPL2 = '/usr/share/common-licenses/GPL-2'

// dictd's index encodes offsets and lengths in this base-64 alphabet, most significant digit first.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
function decodeNumber(text: string): number {
  let value = 0
  for (const ch of text) {
    const digit = B64.indexOf(ch)
    if (digit < 0) throw new Error(`build-dictionary: bad index number ${text}`)
    value = value * 64 + digit
  }
  return value
}

/** Translations of one entry's body: `1. a, b` and `a, b` lines, numbering removed, Unicode hyphens made plain. */
function translationsOf(body: string): string[] {
  return body
    .split('\n')
    .slice(1)
    .map((line) => line.replace(/^\s*\d+\.\s*/, '').trim())
    .filter(Boolean)
    .flatMap((line) => line.split(/\s*,\s*/))
    .map((t) => t.replace(/[\u2010\u2011]/g, '-').replace(/\s+/g, ' ').trim())
    .filter((t) => t && !t.includes('\t'))
}

const dict = gunzipSync(readFileSync(join(dictdDir, 'freedict-eng-fra.dict.dz')))
const index = readFileSync(join(dictdDir, 'freedict-eng-fra.index'), 'utf8')
const entries = new Map<string, string[]>()
let edition = 'unknown'
for (const line of index.split('\n')) {
  const [headword, offset, length] = line.split('\t')
  if (!headword || !offset || !length) continue
  const body = dict.subarray(decodeNumber(offset), decodeNumber(offset) + decodeNumber(length)).toString('utf8')
  if (headword.startsWith('00database')) {
    edition = /Edition:\s*(\S+)/.exec(body)?.[1] ?? edition
    continue
  }
  const english = headword.trim().toLowerCase().replace(/[\u2010\u2011]/g, '-').replace(/\s+/g, ' ')
  const known = entries.get(english) ?? []
  for (const french of translationsOf(body)) {
    if (!known.some((k) => k.toLowerCase() === french.toLowerCase())) known.push(french)
  }
  if (known.length > 0) entries.set(english, known)
}

let debianVersion = 'unknown'
try {
  debianVersion = execFileSync('dpkg-query', ['-W', '-f', '${Version}', PACKAGE], { encoding: 'utf8' }).trim()
} catch {
  // Not fatal: the version is only recorded in the header.
}

const header = [
  `# FreeDict English-French dictionary, edition ${edition} (Debian package ${PACKAGE} ${debianVersion}), derived by scripts/build-dictionary.ts.`,
  '# Copyright 2000-2022 FreeDict contributors. GNU General Public License version 2 or later: see LICENSE-freedict.txt.',
  '# One English headword or expression per line (lower case), then its French translations, tab separated, in the dictionary order.',
]
const lines = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([english, french]) => [english, ...french].join('\t'))
writeFileSync(join(outDir, 'freedict-eng-fra.tsv'), `${[...header, ...lines].join('\n')}\n`)

const copyright = readFileSync(COPYRIGHT, 'utf8')
const stanza = /Files: eng-fra\/\*\n(?:.+\n)+/.exec(copyright)?.[0] ?? ''
const gplNotice = /\nLicense: GPL-2\+\n((?: .*\n)+)/.exec(copyright)?.[1] ?? ''
if (!stanza || !gplNotice) throw new Error(`build-dictionary: the eng-fra stanza or the GPL-2+ notice is missing from ${COPYRIGHT}`)
const licence = [
  'data/freedict-eng-fra.tsv is derived from the FreeDict English-French dictionary',
  `(edition ${edition}, Debian package ${PACKAGE} ${debianVersion}, https://freedict.org/).`,
  'It is distributed under the GNU General Public License, version 2 or (at your option) any later',
  'version, like the dictionary it comes from. The derivation (scripts/build-dictionary.ts) only',
  'reformats the entries: numbering and pronunciations removed, duplicate translations dropped.',
  '',
  `From ${COPYRIGHT}:`,
  '',
  stanza.trimEnd(),
  '',
  gplNotice.replace(/^ \.$/gm, '').replace(/^ /gm, '').trimEnd(),
  '',
  '-'.repeat(78),
  '',
  readFileSync(GPL2, 'utf8').trimEnd(),
  '',
].join('\n')
writeFileSync(join(outDir, 'LICENSE-freedict.txt'), licence)

console.log(`${entries.size} entries from FreeDict eng-fra ${edition} → ${join(outDir, 'freedict-eng-fra.tsv')}`)
