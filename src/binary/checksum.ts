// Checksums of the files a build writes and reads back: CRC-32 (IEEE), which catches a file damaged on disk or cut
// short — not tampering — at about four times the speed of SHA-256 (zlib's, 245 MB: 0.16 s against 0.68 s here).

import zlib from 'node:zlib'

let table: Uint32Array | undefined

/** CRC-32 in plain TypeScript, continuing from `value` as `zlib.crc32` does (for Node before 20.15, which lacks it). */
export function portableCrc32(data: Uint8Array, value = 0): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  let c = ~value >>> 0
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8)
  return ~c >>> 0
}

const crc32: (data: Uint8Array, value?: number) => number = typeof zlib.crc32 === 'function' ? zlib.crc32 : portableCrc32

/** A running CRC-32 over chunks fed one after the other. */
export class Crc32 {
  private sum = 0

  update(chunk: Uint8Array): this {
    // An empty chunk adds nothing — and zlib.crc32 (Node 20) answers 0 for an empty view over a zero-length
    // ArrayBuffer (an empty section a build writes), whatever it continues from.
    if (chunk.length === 0) return this
    this.sum = crc32(chunk, this.sum)
    return this
  }

  /** The CRC-32 of the bytes so far. */
  get value(): number {
    return this.sum
  }

  /** As 8 hex digits, prefixed with the algorithm's name (`crc32:cbf43926`) so a reader knows what it checks. */
  digest(): string {
    return `crc32:${this.sum.toString(16).padStart(8, '0')}`
  }
}

/** The checksum of chunks, one after the other (see `Crc32.digest`). */
export function checksumOf(chunks: Iterable<Uint8Array>): string {
  const sum = new Crc32()
  for (const chunk of chunks) sum.update(chunk)
  return sum.digest()
}
