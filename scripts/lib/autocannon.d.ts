// The part of autocannon's programmatic API the bench scripts use (the package ships no types).

declare module 'autocannon' {
  interface Histogram {
    average: number
    mean: number
    p50: number
    p90: number
    p99: number
    max: number
  }
  export interface Result {
    requests: Histogram & { total: number }
    latency: Histogram
    /** Bytes read, headers included. */
    throughput: Histogram & { total: number }
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
  }
  export interface Client {
    setRequests(requests: Array<{ method?: string; path: string }>): void
  }
  export interface Options {
    url: string
    connections?: number
    duration?: number
    amount?: number
    timeout?: number
    requests?: Array<{ method?: string; path: string }>
    setupClient?: (client: Client) => void
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
