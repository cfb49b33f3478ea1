// Shared by the bench scripts: timing samples, percentiles, memory readings and plain-text tables.

/** p50/p95/p99 and mean of a set of timings, in the samples' unit. */
export interface Percentiles {
  p50: number
  p95: number
  p99: number
  mean: number
  n: number
}

/** Nearest-rank percentiles: p99 of 200 samples is the 198th smallest, never an interpolation. */
export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) return { p50: NaN, p95: NaN, p99: NaN, mean: NaN, n: 0 }
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
  return { p50: at(50), p95: at(95), p99: at(99), mean: sorted.reduce((s, x) => s + x, 0) / sorted.length, n: sorted.length }
}

/**
 * Runs `run(item)` for every item, `rounds` times after `warmup` untimed rounds, and returns every timing in ms.
 * Rounds interleave the items so a slow phase of the machine spreads over all of them.
 */
export async function timeEach<T>(items: readonly T[], run: (item: T) => unknown, { rounds = 20, warmup = 3 } = {}): Promise<number[]> {
  for (let r = 0; r < warmup; r++) for (const item of items) await run(item)
  const samples: number[] = []
  for (let r = 0; r < rounds; r++) {
    for (const item of items) {
      const started = performance.now()
      await run(item)
      samples.push(performance.now() - started)
    }
  }
  return samples
}

const gc = (globalThis as { gc?: () => void }).gc

/** Resident set size in MB after a full collection when `--expose-gc` is on. */
export function residentMb(): number {
  gc?.()
  gc?.()
  return process.memoryUsage().rss / 1e6
}

export const ms = (value: number): string => (Number.isNaN(value) ? '–' : value < 1 ? value.toFixed(3) : value < 10 ? value.toFixed(2) : value.toFixed(1))
export const ratio = (value: number, reference: number): string => `${(value / reference).toFixed(2)}×`
export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`

/** A Markdown table, so the output pastes straight into docs/benchmarks.md. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so runs compare. */
export { prng } from '../../src/index/prng.js'
