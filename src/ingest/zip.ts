// Reading the parts of a zip container (.docx) with a cap on what is inflated, so a zip bomb is refused, not inflated.

import { Unzip, UnzipInflate } from 'fflate'
import { UnreadableFile } from './unreadable.js'

/** What a Word report's text parts may inflate to, all together: far above any real report, far below a bomb. */
export const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024

/**
 * The entries whose names `wanted` accepts, inflated. Throws `UnreadableFile` when they would inflate past
 * `maxBytes` (counted as they inflate, whatever the headers claim) or the container is not a zip.
 */
export function unzipParts(bytes: Uint8Array, wanted: (name: string) => boolean, maxBytes = MAX_UNZIPPED_BYTES): Map<string, Uint8Array> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new UnreadableFile('not a Word file: a .docx is a zip container, and this file is not one.')
  const parts = new Map<string, Uint8Array[]>()
  let total = 0
  let bomb = false
  const unzip = new Unzip((file) => {
    if (!wanted(file.name) || bomb) return
    const chunks: Uint8Array[] = []
    parts.set(file.name, chunks)
    file.ondata = (error, chunk) => {
      if (error) throw error
      total += chunk.length
      if (total > maxBytes) {
        bomb = true
        file.terminate()
        return
      }
      chunks.push(chunk)
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  try {
    unzip.push(bytes, true)
  } catch (error) {
    if (!bomb) throw new UnreadableFile(`damaged Word file: its zip container cannot be read (${(error as Error).message}).`)
  }
  if (bomb) throw new UnreadableFile(`Word file that inflates to more than ${Math.round(maxBytes / 1024 / 1024)} MiB of text (a zip bomb?): refused.`)
  const result = new Map<string, Uint8Array>()
  for (const [name, chunks] of parts) result.set(name, Buffer.concat(chunks))
  return result
}
