// Index files are checked with CRC-32: zlib's where Node has it, a plain one otherwise; both must agree.

import { describe, expect, it } from 'vitest'
import { checksumOf, Crc32, portableCrc32 } from '../../src/binary/checksum.js'

describe('checksums of index files', () => {
  it('gives the standard CRC-32 check value, with zlib and without', () => {
    const nine = new TextEncoder().encode('123456789')
    // The check value of CRC-32/ISO-HDLC, the one zip and PNG use.
    expect(portableCrc32(nine)).toBe(0xcbf43926)
    expect(checksumOf([nine])).toBe('crc32:cbf43926')
  })

  it('sums chunks as one run of bytes, and notices a flipped bit', () => {
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 251)
    const whole = checksumOf([bytes])
    expect(checksumOf([bytes.subarray(0, 3333), bytes.subarray(3333, 3334), bytes.subarray(3334)])).toBe(whole)
    expect(new Crc32().update(bytes.subarray(0, 5000)).update(bytes.subarray(5000)).digest()).toBe(whole)
    expect(`crc32:${portableCrc32(bytes.subarray(5000), portableCrc32(bytes.subarray(0, 5000))).toString(16).padStart(8, '0')}`).toBe(whole)
    const damaged = bytes.slice()
    damaged[4321]! ^= 0x10
    expect(checksumOf([damaged])).not.toBe(whole)
  })

  it('adds nothing for an empty chunk, however it is made (an empty section of a state or index file)', () => {
    const bytes = Uint8Array.from({ length: 100 }, (_, i) => i)
    const whole = checksumOf([bytes])
    const empties = [new Uint8Array(0), new Uint8Array(new ArrayBuffer(0)), new Uint8Array(new Uint32Array(4).slice(0, 0).buffer), bytes.subarray(50, 50)]
    for (const empty of empties) expect(checksumOf([bytes.subarray(0, 50), empty, bytes.subarray(50)])).toBe(whole)
  })
})
