// Dot products of int8 vectors with one int16 query, sixteen lanes at a time in WebAssembly SIMD: the flat vector
// search's inner loop, about ten times faster than the scalar JavaScript loop. The module is assembled here from its
// instructions (no binary blob, no build step); where WebAssembly SIMD is missing, `createInt8Dots` returns null.

/** Scores of every stored vector against one query, in stored order, as integers to be scaled by the caller. */
export interface Int8Dots {
  /**
   * `out[i] = Σ_j vectors[i·d + j] · query[j]` for the rows `first` to `first + count` (all of them by default; the
   * other entries of `out` keep what they held); `query` must already be whole numbers within ±32767.
   */
  run(query: Int16Array, first?: number, count?: number): Int32Array
  /** The vectors as copied into WebAssembly memory: the caller can let its own copy go and read these. */
  readonly vectors: Int8Array
}

const PAGE = 65_536

/**
 * Copies `vectors` (n rows of `dimension` int8 values, row after row) into WebAssembly memory once and returns the
 * scorer, or null when WebAssembly SIMD is unavailable or `dimension` is not a multiple of 16. With `order`, row r of
 * the scorer is row `order[r]` of `vectors` (a clustered index keeps each cluster's rows together so).
 */
export function createInt8Dots(vectors: Int8Array, dimension: number, order?: Uint32Array): Int8Dots | null {
  if (dimension % 16 !== 0 || dimension === 0 || vectors.length % dimension !== 0) return null
  const module = simdModule()
  if (!module) return null
  const rows = vectors.length / dimension
  // Layout: vectors, then the query (2 bytes a value), then the scores (4 bytes a row), each 16-byte aligned.
  const queryAt = align(vectors.length)
  const outAt = align(queryAt + dimension * 2)
  const memory = new WebAssembly.Memory({ initial: Math.ceil((outAt + rows * 4) / PAGE) || 1 })
  const { dots } = new WebAssembly.Instance(module, { env: { memory } }).exports as { dots: (v: number, q: number, out: number, n: number, d: number) => void }
  const stored = new Int8Array(memory.buffer, 0, vectors.length)
  if (order) {
    for (let r = 0; r < rows; r++) stored.set(vectors.subarray(order[r]! * dimension, (order[r]! + 1) * dimension), r * dimension)
  } else {
    stored.set(vectors)
  }
  const query = new Int16Array(memory.buffer, queryAt, dimension)
  const out = new Int32Array(memory.buffer, outAt, rows)
  return {
    vectors: stored,
    run(values, first = 0, count = rows - first) {
      query.set(values)
      dots(first * dimension, queryAt, outAt + first * 4, count, dimension)
      return out
    },
  }
}

const align = (n: number) => Math.ceil(n / 16) * 16

let compiled: WebAssembly.Module | null | undefined
function simdModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = assemble()
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null
  }
  return compiled
}

// (func $dots (param $v i32) (param $q i32) (param $out i32) (param $n i32) (param $d i32)
//   (local $row i32) (local $j i32) (local $acc v128) (local $x v128)
//   row loop: acc = 0; j = 0
//     col loop: x = load(v + j); acc += dot(extend_low(x), load(q + 2j)) + dot(extend_high(x), load(q + 2j + 16)); j += 16
//     store(out + 4·row, lane0 + lane1 + lane2 + lane3); v += d; row += 1)
function assemble(): Uint8Array<ArrayBuffer> {
  const simd = (op: number, ...immediates: number[]) => [0xfd, ...uleb(op), ...immediates]
  const [V, Q, OUT, N, D, ROW, J, ACC, X] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
  const get = (local: number) => [0x20, local]
  const set = (local: number) => [0x21, local]
  const load = (offset: number) => simd(0x00, 4, ...uleb(offset)) // v128.load align=16
  const body = [
    ...[0x02, 0x40], // block
    ...get(N), 0x45, ...[0x0d, 0], // if n == 0: br out of block
    ...[0x03, 0x40], // loop rows
    ...simd(0x0c, ...new Array(16).fill(0)), ...set(ACC), // acc = 0
    ...[0x41, 0], ...set(J), // j = 0
    ...[0x03, 0x40], // loop columns
    ...get(V), ...get(J), 0x6a, ...load(0), ...set(X), // x = v128.load(v + j)
    ...get(ACC),
    ...get(X), ...simd(0x87), // i16x8.extend_low_i8x16_s
    ...get(Q), ...get(J), ...[0x41, 1], 0x74, 0x6a, ...load(0), // q + 2j
    ...simd(0xba), ...simd(0xae), // i32x4.dot_i16x8_s, i32x4.add
    ...get(X), ...simd(0x88), // i16x8.extend_high_i8x16_s
    ...get(Q), ...get(J), ...[0x41, 1], 0x74, 0x6a, ...load(16), // q + 2j + 16
    ...simd(0xba), ...simd(0xae),
    ...set(ACC),
    ...get(J), ...[0x41, 16], 0x6a, ...set(J), // j += 16
    ...get(J), ...get(D), 0x49, ...[0x0d, 0], // br_if j < d (unsigned)
    0x0b, // end columns
    ...get(OUT), ...get(ROW), ...[0x41, 2], 0x74, 0x6a, // out + 4·row
    ...get(ACC), ...simd(0x1b, 0), ...get(ACC), ...simd(0x1b, 1), 0x6a, // lane 0 + lane 1
    ...get(ACC), ...simd(0x1b, 2), 0x6a, ...get(ACC), ...simd(0x1b, 3), 0x6a,
    ...[0x36, 2, 0], // i32.store align=4
    ...get(V), ...get(D), 0x6a, ...set(V), // v += d
    ...get(ROW), ...[0x41, 1], 0x6a, 0x22, ROW, // row += 1 (tee)
    ...get(N), 0x49, ...[0x0d, 0], // br_if row < n
    0x0b, // end rows
    0x0b, // end block
    0x0b, // end function
  ]
  const locals = [2, 2, 0x7f, 2, 0x7b] // two i32, two v128
  const code = [...locals, ...body]
  const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content]
  const name = (text: string) => [text.length, ...Buffer.from(text)]
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 5, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]), // type: (i32 ×5) → ()
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0x00]), // import env.memory (min 0)
    ...section(3, [1, 0]), // one function of type 0
    ...section(7, [1, ...name('dots'), 0x00, 0]), // export it as `dots`
    ...section(10, [1, ...uleb(code.length), ...code]),
  ])
}

function uleb(value: number): number[] {
  const bytes: number[] = []
  do {
    let byte = value & 0x7f
    value >>>= 7
    if (value !== 0) byte |= 0x80
    bytes.push(byte)
  } while (value !== 0)
  return bytes
}
