// The one summary of the files a build left out, each named with its reason, printed at the end of a build.

/** A file of the corpus folder that is not in the index, and why. */
export interface SkippedFile {
  file: string
  message: string
}

/** `Skipped 2 files (not in the index):` and one line per file, at most `limit` of them; '' when none was skipped. */
export function skippedSummary(skipped: readonly SkippedFile[], limit = 50): string {
  if (skipped.length === 0) return ''
  const lines = skipped.slice(0, limit).map(({ file, message }) => `  ${file}: ${message}`)
  if (skipped.length > limit) lines.push(`  … and ${skipped.length - limit} more.`)
  return `Skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'} (not in the index):\n${lines.join('\n')}`
}
