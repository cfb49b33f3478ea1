// Numbers grouped by a small value each has — a passage's document, kind or year slot, a vector's cluster — by
// counting: one pass to count each value's numbers, one to place them.

/** The numbers of value v are `numbers[starts[v] .. starts[v + 1]]`, ascending. */
export interface Groups {
  starts: Uint32Array
  numbers: Uint32Array
}

/** The numbers 0 … `values.length` − 1 grouped by `values[n]`, each below `count`. */
export function groupByValue(values: ArrayLike<number>, count: number): Groups {
  const starts = new Uint32Array(count + 1)
  for (let n = 0; n < values.length; n++) starts[values[n]! + 1]!++
  for (let v = 0; v < count; v++) starts[v + 1]! += starts[v]!
  const next = starts.slice(0, count)
  const numbers = new Uint32Array(values.length)
  for (let n = 0; n < values.length; n++) numbers[next[values[n]!]!++] = n
  return { starts, numbers }
}
