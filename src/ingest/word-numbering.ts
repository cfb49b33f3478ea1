// Word's automatic paragraph numbers, rebuilt exactly from word/numbering.xml: abstract definitions and their
// levels (start, format, text, restart), list instances with start overrides, counters carried across instances.

import { child, children, type XmlElement } from './xml.js'

interface Level {
  start: number
  format: string
  /** `%1.`, `Recommandation %1`, `%1.%2`: `%N` is level N's number. */
  text: string
  /** Restart after this (1-based) level is used; 0 never restarts; absent restarts after the level above. */
  restart?: number
}

interface NumInstance {
  abstract: string
  /** Start overrides (and replaced levels) by level index. */
  overrides: Map<number, { start?: number; level?: Level }>
}

/** The definitions of numbering.xml. */
export interface NumberingDefinitions {
  abstracts: Map<string, Level[]>
  nums: Map<string, NumInstance>
}

const val = (element: XmlElement | undefined) => element?.attrs['w:val']

export function readNumberingDefinitions(numbering: XmlElement | undefined): NumberingDefinitions {
  const abstracts = new Map<string, Level[]>()
  const nums = new Map<string, NumInstance>()
  const root = numbering ? child(numbering, 'w:numbering') : undefined
  if (!root) return { abstracts, nums }
  for (const abstract of children(root, 'w:abstractNum')) {
    const levels: Level[] = []
    for (const lvl of children(abstract, 'w:lvl')) levels[Number(lvl.attrs['w:ilvl'] ?? 0)] = readLevel(lvl)
    abstracts.set(abstract.attrs['w:abstractNumId'] ?? '', levels)
  }
  for (const num of children(root, 'w:num')) {
    const overrides = new Map<number, { start?: number; level?: Level }>()
    for (const override of children(num, 'w:lvlOverride')) {
      const start = val(child(override, 'w:startOverride'))
      const lvl = child(override, 'w:lvl')
      overrides.set(Number(override.attrs['w:ilvl'] ?? 0), { ...(start !== undefined ? { start: Number(start) } : {}), ...(lvl ? { level: readLevel(lvl) } : {}) })
    }
    nums.set(num.attrs['w:numId'] ?? '', { abstract: val(child(num, 'w:abstractNumId')) ?? '', overrides })
  }
  return { abstracts, nums }
}

function readLevel(lvl: XmlElement): Level {
  const restart = val(child(lvl, 'w:lvlRestart'))
  return {
    start: Number(val(child(lvl, 'w:start')) ?? 0),
    format: val(child(lvl, 'w:numFmt')) ?? 'decimal',
    text: val(child(lvl, 'w:lvlText')) ?? '',
    ...(restart !== undefined ? { restart: Number(restart) } : {}),
  }
}

/**
 * Numbers paragraphs in document order as Word does. Instances of one abstract definition share its counters
 * (a list continues across them) unless an instance overrides a level's start: its first paragraph there
 * restarts at that value. Using a level resets the deeper levels that restart after it.
 */
export class WordNumbering {
  private readonly counters = new Map<string, Array<number | undefined>>()
  private readonly applied = new Set<string>()

  constructor(private readonly definitions: NumberingDefinitions) {}

  /** The label of the next paragraph of list `numId` at `level` (`36.`), or null for no number (a bullet, no list). */
  next(numId: string, level: number): string | null {
    const num = this.definitions.nums.get(numId)
    if (!num || numId === '0') return null
    const levels = this.levels(num)
    const definition = levels[level]
    if (!definition) return null
    const counters: Array<number | undefined> = this.counters.get(num.abstract) ?? []
    this.counters.set(num.abstract, counters)
    const override = num.overrides.get(level)
    const key = `${numId}:${level}`
    if (override?.start !== undefined && !this.applied.has(key)) {
      this.applied.add(key)
      counters[level] = override.start - 1
    }
    counters[level] = (counters[level] ?? definition.start - 1) + 1
    for (let deeper = level + 1; deeper < Math.max(levels.length, counters.length); deeper++) {
      const restartAfter = levels[deeper]?.restart ?? deeper
      if (restartAfter !== 0 && level + 1 <= restartAfter) counters[deeper] = undefined
    }
    if (definition.format === 'bullet') return null
    const label = definition.text.replace(/%([1-9])/g, (_, n: string) => {
      const i = Number(n) - 1
      return format(counters[i] ?? levels[i]?.start ?? 1, levels[i]?.format ?? 'decimal')
    })
    return label.trim() === '' ? null : label.trim()
  }

  private levels(num: NumInstance): Level[] {
    const levels = [...(this.definitions.abstracts.get(num.abstract) ?? [])]
    for (const [i, override] of num.overrides) if (override.level) levels[i] = override.level
    return levels
  }
}

function format(n: number, numFmt: string): string {
  switch (numFmt) {
    case 'lowerLetter': return letters(n).toLowerCase()
    case 'upperLetter': return letters(n)
    case 'lowerRoman': return roman(n).toLowerCase()
    case 'upperRoman': return roman(n)
    case 'decimalZero': return String(n).padStart(2, '0')
    case 'none': return ''
    default: return String(n)
  }
}

/** Word's letters: a…z, then aa…zz, aaa… (the letter repeated). */
function letters(n: number): string {
  if (n < 1) return ''
  const letter = String.fromCharCode(65 + ((n - 1) % 26))
  return letter.repeat(Math.floor((n - 1) / 26) + 1)
}

function roman(n: number): string {
  const table: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']]
  let out = ''
  for (const [value, numeral] of table) while (n >= value) {
    out += numeral
    n -= value
  }
  return out
}
