// A progress line on stderr for index builds: stage, count, percentage and ETA, redrawn in place on a terminal.

import type { BuildProgress } from '../index/build.js'

const labels: Record<string, string> = {
  read: 'Reading seeds',
  analyse: 'Analysing passages',
  keyword: 'Keyword index',
  ngram: 'N-gram index',
  variants: 'Variant groups',
  embed: 'Embedding passages',
  write: 'Writing index',
}

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): BuildProgress {
  let stageStarted = performance.now()
  let currentStage = ''
  let lastDraw = 0
  return (stage, done, total) => {
    const now = performance.now()
    if (stage !== currentStage) {
      if (currentStage && stream.isTTY) stream.write('\n')
      currentStage = stage
      stageStarted = now
    }
    const finished = done >= total
    if (!finished && now - lastDraw < 200 && done !== 0) return
    lastDraw = now
    const percent = total ? Math.floor((100 * done) / total) : 100
    const elapsed = (now - stageStarted) / 1000
    const eta = done > 0 && !finished ? ` ETA ${Math.ceil((elapsed * (total - done)) / done)}s` : ''
    const line = `${labels[stage] ?? stage}: ${done}/${total} (${percent}%)${eta}${finished ? ` in ${elapsed.toFixed(1)}s` : ''}`
    if (stream.isTTY) stream.write(`\r\x1b[K${line}${finished && stage === 'write' ? '\n' : ''}`)
    else if (finished || done === 0) stream.write(`${line}\n`)
  }
}
