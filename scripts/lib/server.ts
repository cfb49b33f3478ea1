// Starting the real server (`src/cli/serve.ts`) as a child process on a free loopback port, for the HTTP benches.

import { spawn, type ChildProcess } from 'node:child_process'

export interface RunningServer {
  url: string
  child: ChildProcess
  /** Milliseconds from spawn to the server saying it is ready. */
  readyMs: number
  /** Everything the server printed, for a report when something fails. */
  output: () => string
  /** Resolves once every worker process serves (at once for a server running alone) and each has warmed up. */
  allServing: () => Promise<void>
  stop: () => Promise<void>
}

export interface ServerSpawn {
  seedDir?: string
  indexDir: string
  /** Node flags before the script; defaults to tsx's loader. */
  nodeArgs?: string[]
  /** Defaults to `src/cli/serve.ts`. */
  script?: string
  env?: NodeJS.ProcessEnv
  /** Give up after this long. Defaults to 120 s (a first start builds the index). */
  timeoutMs?: number
}

/** Spawns the server with PORT=0 on 127.0.0.1 and resolves once it prints its address. */
export function startServer(options: ServerSpawn): Promise<RunningServer> {
  const { seedDir = 'seeds', indexDir, nodeArgs = ['--import', 'tsx'], script = 'src/cli/serve.ts', env = {}, timeoutMs = 120_000 } = options
  const started = performance.now()
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, EMBEDDING_MODEL: 'none', ...env, HOST: '127.0.0.1', PORT: '0', SEEDS_DIR: seedDir, INDEX_DIR: indexDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref()
    })
  // A cluster is ready when its first worker is; it says when the others serve too. Each serving process warms up
  // once it listens, and says when it is done.
  const allServing = async () => {
    const deadline = performance.now() + timeoutMs
    const processes = () => Number(/Workers: \d+ of (\d+) serving/.exec(output)?.[1] ?? 1)
    const waiting = () => (/Workers: \d+ of \d+ serving/.test(output) && !/\d+ worker processes serve/.test(output)) || (output.match(/Warmed up: /g) ?? []).length < processes()
    while (waiting()) {
      if (performance.now() > deadline || child.exitCode !== null) throw new Error(`the server's workers did not all start and warm up:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      const match = /Search ready at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve({ url: match[1]!, child, readyMs: performance.now() - started, output: () => output, allServing, stop })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the server exited with ${code} before it was ready:\n${output}`))
    })
  })
}
