// What the messages say EMBEDDING_MODEL=none leaves running is what an engine without a model does run.

import { describe, expect, it } from 'vitest'
import { offlineInstallHint } from '../../src/index/embedder-runtime.js'
import { seedEngine } from '../helpers.js'

/** How the messages name each semantic channel. */
const NAMES: Record<string, string> = { ngram: 'character n-gram', crosslingual: 'English→French' }

describe('EMBEDDING_MODEL=none, as the messages word it', () => {
  it('names every channel that still runs without a model, and does not say keyword only', async () => {
    const { engine } = await seedEngine()
    const channels = engine.semanticStatus.channels
    expect(channels).toEqual(['ngram', 'crosslingual'])
    const hint = offlineInstallHint('Xenova/multilingual-e5-small', 'models')
    expect(hint).toMatch(/EMBEDDING_MODEL=none runs without dense vectors/)
    expect(hint).toContain('keyword')
    for (const channel of channels) expect(hint).toContain(NAMES[channel])
    expect(hint).not.toMatch(/keyword search only/)
  })
})
