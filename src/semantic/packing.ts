// Compact storage of integer and float arrays inside JSON: varints and base64.

/** Unsigned integers (below 2^35) as little-endian base-128 varints into a growing byte buffer. */
export class VarintWriter {
  private buffer: Uint8Array
  private length = 0

  constructor(expected: number) {
    this.buffer = new Uint8Array(Math.max(16, expected))
  }

  write(value: number): void {
    if (this.length + 5 > this.buffer.length) {
      const bigger = new Uint8Array(Math.max(this.buffer.length * 2, this.length + 5))
      bigger.set(this.buffer)
      this.buffer = bigger
    }
    let rest = value
    while (rest >= 0x80) {
      this.buffer[this.length++] = (rest % 0x80) | 0x80
      rest = Math.floor(rest / 0x80)
    }
    this.buffer[this.length++] = rest
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length)
  }
}

export class VarintReader {
  private position = 0

  constructor(private readonly bytes: Uint8Array) {}

  read(): number {
    let value = 0
    let scale = 1
    for (;;) {
      if (this.position >= this.bytes.length || scale > 2 ** 35) throw new RangeError('truncated varint')
      const byte = this.bytes[this.position++]!
      value += (byte & 0x7f) * scale
      if (byte < 0x80) return value
      scale *= 0x80
    }
  }

  done(): boolean {
    return this.position === this.bytes.length
  }
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'))
}
