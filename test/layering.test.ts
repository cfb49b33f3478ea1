// Data flows one way: documents → passages → indexes → engine → HTTP/CLI. A folder of src/ may import only from its
// own layer or the ones below (the build, in src/index, never from src/search, src/server or src/cli).

import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Each top folder (or top file) of src/ and its layer: a file may import from its layer and the lower ones. */
const LAYERS: Record<string, number> = {
  'types.ts': 0, 'errors.ts': 0, binary: 0, text: 0,
  ingest: 1, variants: 1, semantic: 1,
  index: 2,
  search: 3,
  server: 4, cli: 4,
}

/** Every relative import of every .ts file under src/, as [importing folder, imported folder]. */
function imports(): Array<{ file: string; from: string; to: string }> {
  const edges: Array<{ file: string; from: string; to: string }> = []
  const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
  for (const file of files) {
    const path = join('src', file)
    for (const [, target] of readFileSync(path, 'utf8').matchAll(/(?:import|export)[^'";]*?from\s+'(\.[^']+)'/g)) {
      const to = relative('src', resolve(dirname(path), target!)).split('/')[0]!.replace(/\.js$/, '.ts')
      edges.push({ file: path, from: file.split('/')[0]!, to })
    }
  }
  return edges
}

describe('layering of src/', () => {
  const edges = imports()

  it('reads the imports of every layer, the build and the engine included', () => {
    expect(edges.some((e) => e.file === 'src/index/build.ts' && e.to === 'variants')).toBe(true)
    expect(edges.some((e) => e.file === 'src/search/open.ts' && e.to === 'index')).toBe(true)
  })

  it('knows the layer of every top folder', () => {
    expect(edges.flatMap((e) => [e.from, e.to]).filter((folder) => LAYERS[folder] === undefined)).toEqual([])
  })

  it('never imports a higher layer', () => {
    const upward = edges.filter((e) => e.from !== e.to && LAYERS[e.to]! > LAYERS[e.from]!)
    expect(upward.map((e) => `${e.file} imports ${e.to}/`)).toEqual([])
  })
})
