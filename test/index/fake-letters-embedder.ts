// A fake embedder for build tests (not a model): eight dimensions counted from the letters of a text, and the list
// of every passage text it was asked to embed, so a test can tell what a build embedded.

import type { Embedder } from '../../src/index/embedder.js'

export function fakeLettersEmbedder(fingerprint = 'letters-8'): Embedder & { embedded: string[] } {
  const embedded: string[] = []
  const vectorOf = (text: string) => {
    const vector = new Float32Array(8).fill(0.01)
    for (let i = 0; i < text.length; i++) vector[text.charCodeAt(i) % 8]! += 1
    return vector
  }
  return {
    id: 'letters-8',
    fingerprint,
    dimension: 8,
    embedded,
    embedQuery: async (text) => vectorOf(text),
    embedPassages: async (texts) => {
      embedded.push(...texts)
      return texts.map(vectorOf)
    },
  }
}
