// Dot products of int8 vectors with one int16 query, sixteen lanes at a time in WebAssembly SIMD: the flat vector
// search's inner loop, about ten times faster than the scalar JavaScript loop. The module is assembled here from its
// instructions (no binary blob, no build step); where WebAssembly SIMD is missing, `createInt8Dots` returns null.

import { Worker } from 'node:worker_threads'

/** Scores of every stored vector against one query, in stored order, as integers to be scaled by the caller. */
export interface Int8Dots {
  /** `out[i] = Σ_j vectors[i·d + j] · query[j]`; `query` must already be whole numbers within ±32767. */
  run(query: Int16Array): Int32Array
  /** The vectors as copied into WebAssembly memory: the caller can let its own copy go and read these. */
  readonly vectors: Int8Array
  /** How many chunks of rows the helper thread has scored so far (0 without one): the scans it shared. */
  readonly helped: number
  /** Stops the helper thread, if any (the scorer still runs, on the calling thread alone). */
  close(): void
}

export interface Int8DotsOptions {
  /**
   * From this many rows on, a second thread scores half the rows while the caller scores the rest: at a million
   * vectors of 384 dimensions a scan reads 384 MB, ≈ 20 ms of one core. Defaults to `PARALLEL_FROM`; Infinity: never.
   */
  parallelFrom?: number
}

/**
 * Rows from which a scan is shared with a helper thread: below, a scan (≈ 2 ms at 100k rows of 384) costs little more
 * than waking the thread. A scan is cut in chunks that the two threads take in turn from a shared counter.
 */
export const PARALLEL_FROM = 2 ** 18
const CHUNK_ROWS = 8192

const PAGE = 65_536

/**
 * Copies `vectors` (n rows of `dimension` int8 values, row after row) into WebAssembly memory once and returns the
 * scorer, or null when WebAssembly SIMD is unavailable or `dimension` is not a multiple of 16.
 */
export function createInt8Dots(vectors: Int8Array, dimension: number, options: Int8DotsOptions = {}): Int8Dots | null {
  if (dimension % 16 !== 0 || dimension === 0 || vectors.length % dimension !== 0) return null
  const rows = vectors.length / dimension
  const parallel = rows >= (options.parallelFrom ?? PARALLEL_FROM)
  const module = simdModule(parallel)
  if (!module) return null
  // Layout: vectors, then the query (2 bytes a value), then the scores (4 bytes a row), then the helper's control
  // words, each 16-byte aligned.
  const queryAt = align(vectors.length)
  const outAt = align(queryAt + dimension * 2)
  const controlAt = align(outAt + rows * 4)
  const pages = Math.ceil((controlAt + (CONTROL_WORDS + Math.ceil(rows / CHUNK_ROWS)) * 4) / PAGE) || 1
  const memory = new WebAssembly.Memory(parallel ? { initial: pages, maximum: pages, shared: true } : { initial: pages })
  const { dots } = new WebAssembly.Instance(module, { env: { memory } }).exports as { dots: (v: number, q: number, out: number, n: number, d: number) => void }
  const stored = new Int8Array(memory.buffer, 0, vectors.length)
  stored.set(vectors)
  const query = new Int16Array(memory.buffer, queryAt, dimension)
  const out = new Int32Array(memory.buffer, outAt, rows)
  const helper = parallel ? startHelper(module, memory, controlAt, { rows, dimension, queryAt, outAt }) : null
  return {
    vectors: stored,
    run(values) {
      if (helper) helper.scan(dots, () => query.set(values))
      else {
        query.set(values)
        dots(0, queryAt, outAt, rows, dimension)
      }
      return out
    },
    get helped() {
      return helper ? helper.helped() : 0
    },
    close() {
      helper?.stop()
    },
  }
}

// The control words of a shared scan, in Int32 slots: the scan's number (the helper waits for it to change; -1:
// stop), the next chunk to take, whether the helper is scoring a chunk, the chunks of a scan, the layout the helper
// reads, the chunks the helper has scored in all; then, per chunk, the number of the scan that last finished it.
const [GENERATION, NEXT, BUSY, CHUNKS, ROWS, DIMENSION, QUERY_AT, OUT_AT, HELPED] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
const CONTROL_WORDS = 9

/** The helper thread's loop (CommonJS, evaluated in the worker): chunks taken from the counter until none is left. */
const HELPER = `
const { workerData } = require('node:worker_threads')
const { module, memory, controlAt, chunks } = workerData
const { dots } = new WebAssembly.Instance(module, { env: { memory } }).exports
const control = new Int32Array(memory.buffer, controlAt, ${CONTROL_WORDS} + chunks)
let generation = 0
for (;;) {
  Atomics.wait(control, ${GENERATION}, generation)
  generation = Atomics.load(control, ${GENERATION})
  if (generation < 0) break
  const rows = control[${ROWS}], d = control[${DIMENSION}]
  for (;;) {
    Atomics.store(control, ${BUSY}, 1)
    const k = Atomics.add(control, ${NEXT}, 1)
    if (k >= chunks) break
    const from = k * ${CHUNK_ROWS}
    dots(from * d, control[${QUERY_AT}], control[${OUT_AT}] + 4 * from, Math.min(${CHUNK_ROWS}, rows - from), d)
    Atomics.add(control, ${HELPED}, 1)
    Atomics.store(control, ${CONTROL_WORDS} + k, generation)
  }
  Atomics.store(control, ${BUSY}, 0)
  Atomics.notify(control, ${BUSY})
}
`

interface Layout {
  rows: number
  dimension: number
  queryAt: number
  outAt: number
}

/**
 * A thread that scores chunks of the rows when a scan starts. The caller scores chunks too, then scores again any
 * chunk the helper took but has not finished (the same dots: the helper writing them too changes no value), so a
 * helper the machine does not schedule never holds a scan up. A scan starts once the helper holds no chunk, so that
 * it never writes a chunk of the last query's dots into this one's. Unreferenced (it keeps no process alive) and
 * stopped when the scorer is collected.
 */
function startHelper(module: WebAssembly.Module, memory: WebAssembly.Memory, controlAt: number, layout: Layout) {
  const chunks = Math.ceil(layout.rows / CHUNK_ROWS)
  const control = new Int32Array(memory.buffer, controlAt, CONTROL_WORDS + chunks)
  control.set([0, chunks, 0, chunks, layout.rows, layout.dimension, layout.queryAt, layout.outAt, 0])
  const worker = new Worker(HELPER, { eval: true, workerData: { module, memory, controlAt, chunks } })
  worker.unref()
  let stopped = false
  let generation = 0
  const stop = () => {
    if (stopped) return
    stopped = true
    Atomics.store(control, GENERATION, -1)
    Atomics.notify(control, GENERATION)
  }
  const helper = {
    /** Scores every row for the query already in memory (see `createInt8Dots`). */
    scan(dots: (v: number, q: number, out: number, n: number, d: number) => void, setQuery: () => void): void {
      const { rows, dimension, queryAt, outAt } = layout
      const chunk = (k: number) => {
        const from = k * CHUNK_ROWS
        dots(from * dimension, queryAt, outAt + 4 * from, Math.min(CHUNK_ROWS, rows - from), dimension)
      }
      // Every chunk of the last scan is taken (NEXT ≥ chunks): the helper takes none until NEXT is reset below.
      while (Atomics.load(control, BUSY) === 1) Atomics.wait(control, BUSY, 1)
      setQuery()
      generation = generation === 0x7fffffff ? 1 : generation + 1
      Atomics.store(control, NEXT, 0)
      if (!stopped) {
        Atomics.store(control, GENERATION, generation)
        Atomics.notify(control, GENERATION)
      }
      for (let k; (k = Atomics.add(control, NEXT, 1)) < chunks; ) {
        chunk(k)
        Atomics.store(control, CONTROL_WORDS + k, generation)
      }
      for (let k = 0; k < chunks; k++) if (Atomics.load(control, CONTROL_WORDS + k) !== generation) chunk(k)
    },
    helped: () => Atomics.load(control, HELPED),
    stop,
  }
  helpers.register(helper, stop)
  return helper
}

const helpers = new FinalizationRegistry<() => void>((stop) => stop())

const align = (n: number) => Math.ceil(n / 16) * 16

/** The module importing plain or shared memory, compiled once each (null where WebAssembly SIMD is missing). */
const compiled: Array<WebAssembly.Module | null | undefined> = [undefined, undefined]
function simdModule(shared: boolean): WebAssembly.Module | null {
  const i = shared ? 1 : 0
  if (compiled[i] === undefined) {
    const bytes = assemble(shared)
    compiled[i] = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null
  }
  return compiled[i]!
}

// (func $dots (param $v i32) (param $q i32) (param $out i32) (param $n i32) (param $d i32)
//   (local $row i32) (local $j i32) (local $acc v128) (local $x v128)
//   row loop: acc = 0; j = 0
//     col loop: x = load(v + j); acc += dot(extend_low(x), load(q + 2j)) + dot(extend_high(x), load(q + 2j + 16)); j += 16
//     store(out + 4·row, lane0 + lane1 + lane2 + lane3); v += d; row += 1)
function assemble(shared: boolean): Uint8Array<ArrayBuffer> {
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
    // import env.memory: min 0; shared memory must also declare a maximum (the largest, 65 536 pages)
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, ...(shared ? [0x03, 0x00, ...uleb(65_536)] : [0x00, 0x00])]),
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
