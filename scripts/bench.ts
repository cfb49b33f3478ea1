// `npm run bench`: the benchmark suite, a few minutes on two cores. Each script prints Markdown tables with its
// figures as ratios to a reference measured in the same run. The 100k-passage run is `npm run bench:scale`, the
// 20 000-request swap `npm run bench:swap`.

import { spawnSync } from 'node:child_process'

const steps: Array<[string, string[]]> = [
  ['Query latency on the seeds', ['--expose-gc', '--import', 'tsx', 'scripts/bench-latency.ts']],
  ['Worst queries on the seeds', ['--import', 'tsx', 'scripts/bench-worst.ts']],
  ['Scale, 1k and 10k passages', ['--expose-gc', '--import', 'tsx', 'scripts/bench-scale.ts', '--sizes', '1000,10000']],
  ['HTTP throughput', ['--import', 'tsx', 'scripts/bench-http.ts']],
  ['Compiled JavaScript for the cold start (npm run build)', ['-e', "require('node:child_process').execSync('npm run build', { stdio: 'inherit' })"]],
  ['Cold start', ['--import', 'tsx', 'scripts/bench-coldstart.ts']],
]

for (const [title, args] of steps) {
  console.log(`\n## ${title}\n`)
  const started = performance.now()
  const { status } = spawnSync(process.execPath, args, { stdio: 'inherit' })
  if (status !== 0) {
    console.error(`${title} failed (exit ${status}).`)
    process.exit(1)
  }
  console.error(`(${((performance.now() - started) / 1000).toFixed(0)} s)`)
}
