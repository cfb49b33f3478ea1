// Word accuracy of a read text against the reference: 1 − (word edit distance / reference words).

/** Words as a reader compares them: lower case, letters and digits only (punctuation and spacing are not words). */
export function words(text: string): string[] {
  return text.toLowerCase().normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []
}

export function wordAccuracy(reference: string, read: string): number {
  const ref = words(reference)
  const hyp = words(read)
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j)
  for (let i = 1; i <= ref.length; i++) {
    const row = [i]
    for (let j = 1; j <= hyp.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1))
    previous = row
  }
  return 1 - previous[hyp.length]! / Math.max(ref.length, 1)
}
