// The texts a build embeds to calibrate the clustered index: short queries near the passages' subjects, and one-word
// queries far from them — rare words (one or two passages hold them), typos and single words — the same every time.

import { describe, expect, it } from 'vitest'
import { calibrationTexts, farCalibrationTexts } from '../../src/index/calibration-texts.js'

// 400 passages on a few subjects, each with a word three passages share and one of its own (a name, as a report's
// rare term), among common words.
const subjects = ['migrants', 'passeurs', 'frontière', 'tribunal']
const letters = (n: number) => String.fromCharCode(97 + (n % 26)) + String.fromCharCode(97 + Math.floor(n / 26))
const texts = Array.from({ length: 400 }, (_, p) => `Le rapport ${subjects[p % 4]} mentionne groupe${letters(Math.floor(p / 3))} nomprop${letters(p)} et les victimes concernées.`)

describe('calibration texts', () => {
  it('draws three-word queries from texts spread over the corpus', () => {
    const queries = calibrationTexts(texts, 10)
    expect(queries).toHaveLength(10)
    expect(queries[0]).toBe('mentionne groupega nompropua') // the middle three words of five letters or more
  })

  it('draws far queries: rare words one or two texts hold, words with a letter changed, single words; the same every time', () => {
    const far = farCalibrationTexts(texts, 40)
    expect(far).toEqual(farCalibrationTexts(texts, 40))
    const held = (word: string) => texts.filter((text) => text.toLowerCase().split(/[ .]/).includes(word)).length
    const rare = far.slice(0, 20)
    for (const word of rare) expect(held(word), word).toBeLessThanOrEqual(2)
    expect(rare.every((word) => word.startsWith('nomprop'))).toBe(true)
    // Then the typos, each text's last long word with its middle letter moved on by one ("concernées" → "concesnées",
    // which no text holds), and single words: every text gives the same here, and each is kept once.
    expect(far.slice(20)).toEqual(['concesnées', 'rapport'])
    expect(held('concesnées')).toBe(0)
  })
})
