// The translator reads the English→French dictionary on first use, not when an engine is opened (≈ 0.2 s of CPU at
// every start): `loadDictionary` is wrapped in a counting spy (a fake around the real function) to see when it runs.

import { describe, expect, it, vi } from 'vitest'
import * as dictionary from '../../src/semantic/dictionary.js'
import { englishTranslator } from '../../src/semantic/translator.js'

vi.mock('../../src/semantic/dictionary.js', async (original) => {
  const real = await original<typeof dictionary>()
  return { ...real, loadDictionary: vi.fn(real.loadDictionary) }
})

const noPassage = { inText: () => false }

describe('englishTranslator (with a counting spy around loadDictionary)', () => {
  it('reads no dictionary until it is asked something, then reads it once', () => {
    const spy = vi.mocked(dictionary.loadDictionary)
    spy.mockClear()
    const translator = englishTranslator(noPassage)
    expect(spy).not.toHaveBeenCalled()
    expect(translator.isEnglish('witness protection programmes')).toBe(true)
    expect(translator.status.glossaryEntries).toBeGreaterThan(0)
    expect(translator.translate('money laundering')).toContain('blanchiment')
    expect(spy).toHaveBeenCalledTimes(1)
  })
})
