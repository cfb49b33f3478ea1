// The keyword index's vocabulary: MiniSearch's SearchableMap over the index terms, its radix tree (a Map per node)
// laid out first in typed arrays and then made in one pass, node by node, instead of by `set` term after term, whose
// walk down the Maps cost about half of the keyword index's load at 100 000 passages.

import SearchableMap from 'minisearch/SearchableMap'

const NONE = -1
/** The child of an entry that ends a term (SearchableMap's empty key). */
const LEAF = -1

/** The keyword index's vocabulary: its radix tree and the order MiniSearch's fuzzy walk of that tree meets the terms. */
export interface Vocabulary {
  /** SearchableMap of the terms with each term's index as value: the same tree `set` would make, key order included. */
  map: SearchableMap<number>
  /**
   * Term id → its rank in the fuzzy walk's order (the reverse of the map's iteration order), read from the tree's
   * arrays rather than by iterating the map, which makes a string per term (≈ 0.2 s of CPU at 100 000 passages).
   */
  walkRank: Uint32Array
}

/** The vocabulary of `terms` (distinct), each set with its index as value, in order. */
export function vocabularyTree(terms: readonly string[]): Vocabulary {
  return VocabularyTree.of(terms)
}

/**
 * The tree as SearchableMap.set builds it, term after term: a node's entries keep the order they were set in, and an
 * edge shortened by a split moves to the end of its node (SearchableMap sets the shorter key, then deletes the longer
 * one). That order decides the order of prefix and typo expansions. A node's edge is found by its first code unit
 * through one hash table over (node, code unit), not by scanning the node's keys as SearchableMap does.
 */
class VocabularyTree {
  // Per node: its first and last entry, in the order they were set.
  private readonly head: Int32Array
  private readonly tail: Int32Array
  // Per entry: the next entry of its node; the node it belongs to; its child node (LEAF when it ends a term); its
  // label, `terms[labelTerm].slice(labelStart, labelEnd)` (a leaf's `labelTerm` is the term's id), and the label's
  // first code unit.
  private readonly next: Int32Array
  private readonly owner: Int32Array
  private readonly child: Int32Array
  private readonly labelTerm: Int32Array
  private readonly labelStart: Int32Array
  private readonly labelEnd: Int32Array
  private readonly first: Int32Array
  /** Open addressing over (owner, first) → edge entry; a split keeps both, so an entry is never moved or removed. */
  private readonly slots: Int32Array
  private nodes = 1
  private entries = 0

  private constructor(private readonly terms: readonly string[]) {
    // A term adds at most two nodes (its own and one split's) and three entries (its edge, its leaf, a split's edge).
    const nodes = 2 * terms.length + 1
    const entries = 3 * terms.length + 1
    this.head = new Int32Array(nodes).fill(NONE)
    this.tail = new Int32Array(nodes).fill(NONE)
    this.next = new Int32Array(entries)
    this.owner = new Int32Array(entries)
    this.child = new Int32Array(entries)
    this.labelTerm = new Int32Array(entries)
    this.labelStart = new Int32Array(entries)
    this.labelEnd = new Int32Array(entries)
    this.first = new Int32Array(entries)
    let size = 16
    while (size < 2 * nodes) size *= 2
    this.slots = new Int32Array(size).fill(NONE)
  }

  /** The tree of `terms` (distinct), each set with its index as value, in order. */
  static of(terms: readonly string[]): Vocabulary {
    const tree = new VocabularyTree(terms)
    for (let id = 0; id < terms.length; id++) tree.insert(id)
    return { map: new SearchableMap<number>(tree.maps() as ConstructorParameters<typeof SearchableMap<number>>[0]), walkRank: tree.walkRank() }
  }

  /**
   * Term id → its rank in a depth-first walk that takes each node's entries in the order they were set: the order
   * SearchableMap's fuzzy walk meets the terms. (Its iteration takes each node's keys last first: the reverse.)
   */
  private walkRank(): Uint32Array {
    const rank = new Uint32Array(this.terms.length)
    // Entries still to visit, the next one on top: an entry's subtree comes before its next sibling.
    const stack = new Int32Array(this.entries + 1)
    let top = 0
    let visited = 0
    stack[top++] = this.head[0]!
    while (top > 0) {
      const e = stack[--top]!
      if (e === NONE) continue
      stack[top++] = this.next[e]!
      if (this.child[e] === LEAF) rank[this.labelTerm[e]!] = visited++
      else stack[top++] = this.head[this.child[e]!]!
    }
    return rank
  }

  private insert(id: number): void {
    const key = this.terms[id]!
    let node = 0
    let pos = 0
    while (pos < key.length) {
      const e = this.edge(node, key.charCodeAt(pos))
      if (e === NONE) {
        const leaf = this.nodes++
        this.append(node, this.addEntry(node, leaf, id, pos, key.length))
        node = leaf
        break
      }
      const label = this.terms[this.labelTerm[e]!]!
      const start = this.labelStart[e]!
      const length = this.labelEnd[e]! - start
      const shared = Math.min(key.length - pos, length)
      let offset = 1
      while (offset < shared && key.charCodeAt(pos + offset) === label.charCodeAt(start + offset)) offset++
      if (offset < length) {
        // The key leaves the edge part-way: a new node takes the edge's rest, and the shortened edge moves last.
        const middle = this.nodes++
        this.append(middle, this.addEntry(middle, this.child[e]!, this.labelTerm[e]!, start + offset, this.labelEnd[e]!))
        this.labelEnd[e] = start + offset
        this.child[e] = middle
        this.moveLast(node, e)
      }
      node = this.child[e]!
      pos += offset
    }
    for (let e = this.head[node]!; e !== NONE; e = this.next[e]!) {
      if (this.child[e] === LEAF) {
        this.labelTerm[e] = id
        return
      }
    }
    this.append(node, this.addEntry(node, LEAF, id, 0, 0))
  }

  private slotOf(node: number, code: number): number {
    return (Math.imul(node, 0x9e3779b1) ^ Math.imul(code + 1, 0x85ebca6b)) & (this.slots.length - 1)
  }

  /** The edge of `node` whose label starts with `code`, or NONE. */
  private edge(node: number, code: number): number {
    const mask = this.slots.length - 1
    for (let slot = this.slotOf(node, code); ; slot = (slot + 1) & mask) {
      const e = this.slots[slot]!
      if (e === NONE || (this.owner[e] === node && this.first[e] === code)) return e
    }
  }

  private addEntry(owner: number, child: number, labelTerm: number, labelStart: number, labelEnd: number): number {
    const e = this.entries++
    this.next[e] = NONE
    this.owner[e] = owner
    this.child[e] = child
    this.labelTerm[e] = labelTerm
    this.labelStart[e] = labelStart
    this.labelEnd[e] = labelEnd
    this.first[e] = NONE
    if (child !== LEAF) {
      const code = this.terms[labelTerm]!.charCodeAt(labelStart)
      this.first[e] = code
      const mask = this.slots.length - 1
      let slot = this.slotOf(owner, code)
      while (this.slots[slot] !== NONE) slot = (slot + 1) & mask
      this.slots[slot] = e
    }
    return e
  }

  private append(node: number, e: number): void {
    if (this.tail[node] === NONE) this.head[node] = e
    else this.next[this.tail[node]!] = e
    this.tail[node] = e
  }

  private moveLast(node: number, e: number): void {
    if (this.tail[node] === e) return
    if (this.head[node] === e) this.head[node] = this.next[e]!
    else {
      let previous = this.head[node]!
      while (this.next[previous] !== e) previous = this.next[previous]!
      this.next[previous] = this.next[e]!
    }
    this.next[e] = NONE
    this.append(node, e)
  }

  /** The tree as SearchableMap holds it: a Map per node, its keys in the order set, `''` for a term's end. */
  private maps(): Map<string, unknown> {
    const maps = Array.from({ length: this.nodes }, () => new Map<string, unknown>())
    for (let node = 0; node < this.nodes; node++) {
      const map = maps[node]!
      for (let e = this.head[node]!; e !== NONE; e = this.next[e]!) {
        if (this.child[e] === LEAF) map.set('', this.labelTerm[e]!)
        else map.set(this.terms[this.labelTerm[e]!]!.slice(this.labelStart[e]!, this.labelEnd[e]!), maps[this.child[e]!]!)
      }
    }
    return maps[0]!
  }
}
