// Queries built to be as slow as possible within the 1000-character limit: the worst cases the engine must bound.

import { prng } from './stats.js'

/** Named worst-case queries, each at most 1000 characters. */
export function worstQueries(vocabulary: readonly string[], seed = 7): Array<{ name: string; q: string }> {
  const random = prng(seed)
  const fill = (next: () => string, separator = ' ') => {
    let q = ''
    for (;;) {
      const piece = next()
      if (q.length + separator.length + piece.length > 1000) return q
      q = q ? q + separator + piece : piece
    }
  }
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  const randomWord = () => Array.from({ length: 14 }, () => letters[Math.floor(random() * letters.length)]).join('')
  const long = vocabulary.filter((w) => w.length >= 9)
  let i = 0
  const common = ['de', 'la', 'le', 'des', 'et', 'les', 'à', 'en', 'du', 'que']
  return [
    { name: 'distinct invented 14-letter words (fuzzy, no match)', q: fill(randomWord) },
    { name: 'distinct real 9+-letter words (fuzzy, many matches)', q: fill(() => long[i++ % long.length]!) },
    { name: 'one phrase of very common words', q: `"${fill(() => common[i++ % common.length]!).slice(0, 990)}"` },
    { name: 'many phrases of common words', q: fill(() => `"${common[i++ % common.length]} ${common[i++ % common.length]}"`) },
    { name: 'many excluded phrases', q: `migrants ${fill(() => `-"${common[i++ % common.length]} ${common[i++ % common.length]}"`).slice(0, 980)}` },
    { name: 'many excluded words', q: `migrants ${fill(() => `-${long[i++ % long.length]}`).slice(0, 980)}` },
    { name: 'short prefixes (each expands)', q: fill(() => long[i++ % long.length]!.slice(0, 3)) },
    { name: 'stop words only', q: fill(() => common[i++ % common.length]!) },
    { name: 'English words (translation)', q: fill(() => ['smuggling', 'migrants', 'witness', 'protection', 'border', 'cooperation', 'investigation'][i++ % 7]!) },
  ]
}
