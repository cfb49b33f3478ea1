// Runs a bench phase in a fresh Node process, so its memory and its JIT state are its own, and reads its JSON answer.

import { spawn } from 'node:child_process'

/** The argv that runs a TypeScript script as the benches do: tsx, with `gc()` exposed. */
export const nodeArgs = ['--expose-gc', '--import', 'tsx']

/**
 * Runs `node <script> ...args`; the child prints one JSON line prefixed with `RESULT ` and may log anything else
 * to stderr, which is passed through. Rejects when the child fails.
 */
export function runChild<T>(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '))
      if (code !== 0 || !line) return reject(new Error(`${script} ${args.join(' ')} exited with ${code}:\n${out.slice(-2000)}`))
      resolve(JSON.parse(line.slice('RESULT '.length)) as T)
    })
  })
}

/** What a child prints for `runChild`. */
export function reply(result: unknown): void {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
}
