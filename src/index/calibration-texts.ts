// The texts a build embeds as queries to calibrate the clustered vector index: short queries near the corpus's
// subjects, and queries far from them (a rare word, a single word, a typo). Deterministic: the same passages always
// give the same texts, so the same vectors give the same file.

/**
 * Short queries drawn from the texts, as a person types them: three words of five letters or more from `count` texts
 * spread over the corpus (deterministic). They calibrate the clustered index's probe count, with the model's query
 * embedding, so that the recall it measures is a query's, not a passage's.
 */
export function calibrationTexts(texts: readonly string[], count = 100): string[] {
  const queries: string[] = []
  const step = Math.max(1, Math.floor(texts.length / count))
  for (let t = Math.floor(step / 2); t < texts.length && queries.length < count; t += step) {
    const words = texts[t]!.match(/\p{L}{5,}/gu) ?? []
    if (words.length >= 3) queries.push(words.slice(Math.floor((words.length - 3) / 2), Math.floor((words.length - 3) / 2) + 3).join(' '))
  }
  return queries
}

/**
 * One-word queries as those far from every subject of the corpus arise: `count` in all, half of them words of six
 * letters or more that one or two texts hold (a name, a rare term), a quarter such words with one letter changed (a
 * typo: most are then no word of the corpus), a quarter any word of five letters or more. Drawn from texts spread over
 * the corpus, away from those `calibrationTexts` reads. They calibrate the probe count of the queries that fall below
 * the floor; the words' holders are counted in one pass over the texts, for the candidate words alone.
 */
export function farCalibrationTexts(texts: readonly string[], count = 200): string[] {
  // French letters as a class rather than \p{L}: the pass over every text takes 0.6 s at 100k passages instead of 1.6;
  // a word with another letter is only cut in two, alike as a candidate and as counted.
  const wordsOf = (text: string, least: number) => text.toLowerCase().match(least >= 6 ? /[a-zà-öø-ÿœæ]{6,}/g : /[a-zà-öø-ÿœæ]{5,}/g) ?? []
  const rare = Math.round(count / 2)
  const typos = Math.round(count / 4)
  const spread = (share: number, offset: number) => {
    const step = Math.max(1, Math.floor(texts.length / share))
    return Array.from({ length: Math.min(share, texts.length) }, (_, i) => texts[(Math.floor(step * offset) + i * step) % texts.length]!)
  }
  // The rare words: the first word of six letters or more one or two texts hold in each of four times as many texts.
  const candidateTexts = spread(rare * 4, 1 / 3).map((text) => wordsOf(text, 6))
  const holders = new Map(candidateTexts.flat().map((word) => [word, 0]))
  // Each text counted once per word: the last text that counted a word is remembered beside its count.
  const lastText = new Map<string, number>()
  texts.forEach((text, t) => {
    for (const word of wordsOf(text, 6)) {
      const held = holders.get(word)
      if (held === undefined || lastText.get(word) === t) continue
      holders.set(word, held + 1)
      lastText.set(word, t)
    }
  })
  const rareWords = candidateTexts.flatMap((words) => words.find((word) => holders.get(word)! <= 2) ?? []).slice(0, rare)
  const typoWords = spread(typos, 2 / 3).flatMap((text) => wordsOf(text, 6).slice(-1)).map(withTypo)
  const singleWords = spread(count - rare - typos, 1 / 6).flatMap((text) => wordsOf(text, 5).slice(0, 1))
  return [...new Set([...rareWords, ...typoWords, ...singleWords])]
}

// The word with its middle letter replaced by the next of the alphabet (z by a; an accented letter by e).
function withTypo(word: string): string {
  const letters = [...word]
  const middle = Math.floor(letters.length / 2)
  const letter = letters[middle]!
  letters[middle] = letter >= 'a' && letter < 'z' ? String.fromCharCode(letter.charCodeAt(0) + 1) : letter === 'z' ? 'a' : 'e'
  return letters.join('')
}
