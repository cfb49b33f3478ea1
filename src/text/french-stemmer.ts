// The Snowball French stemmer, the version `snowball-stemmers` 0.6 implements, step for step. That package reads every
// field through a getter that checks `hasOwnProperty` (≈ 25 µs a word, a seventh of a build's CPU); this one keeps
// plain fields. Same stems: test/text/french-stemmer.test.ts compares both on the seeds', PIAF's and generated words.
// The algorithm is Snowball's French stemmer (Martin Porter, https://snowballstem.org, BSD licence); this code follows
// the JavaScript that `snowball-stemmers` (Oleg Mazko, ISC licence) generates from it.

// Vowels of the algorithm: a e i o u y â à ë é ê è ï î ô û ù. Anything else, capitals included, is not one.
const VOWEL = 1
// Letters before which a final `s` stays (`keep_with_s`): a i o u è s.
const KEEP_WITH_S = 2
const classes = new Uint8Array(256)
for (const c of 'aeiouyâàëéêèïîôûù') classes[c.charCodeAt(0)]! |= VOWEL
for (const c of 'aiouès') classes[c.charCodeAt(0)]! |= KEEP_WITH_S
const is = (code: number, kind: number) => code < 256 && (classes[code]! & kind) !== 0

/** A Snowball `among` table: its entries by last letter, longest first, with each entry's result. */
type Among = Map<number, Array<[suffix: string, result: number]>>

function among(entries: Record<string, number>): Among {
  const table: Among = new Map()
  for (const [suffix, result] of Object.entries(entries).sort((a, b) => b[0].length - a[0].length)) {
    const last = suffix.charCodeAt(suffix.length - 1)
    table.set(last, [...(table.get(last) ?? []), [suffix, result]])
  }
  return table
}

// `iqUe`: the prelude marks the u of `qu` as a consonant.
const STANDARD = among({
  iqUe: 1, iqUes: 1, ance: 1, ances: 1, able: 1, ables: 1, isme: 1, ismes: 1, iste: 1, istes: 1, eux: 1,
  atrice: 2, atrices: 2, ation: 2, ations: 2, ateur: 2, ateurs: 2,
  logie: 3, logies: 3, usion: 4, usions: 4, ution: 4, utions: 4, ence: 5, ences: 5,
  ement: 6, ements: 6, ité: 7, ités: 7, ive: 8, ives: 8, if: 8, ifs: 8, eaux: 9, aux: 10, euse: 11, euses: 11,
  issement: 12, issements: 12, amment: 13, emment: 14, ment: 15, ments: 15,
})
const AFTER_EMENT = among({ iqU: 3, abl: 3, Ièr: 4, ièr: 4, eus: 2, iv: 1 })
const AFTER_ITE = among({ ic: 2, abil: 1, iv: 3 })
const I_VERB = among(Object.fromEntries(
  ['ira', 'ie', 'isse', 'issante', 'i', 'irai', 'ir', 'iras', 'ies', 'îmes', 'isses', 'issantes', 'îtes', 'is', 'irais', 'issais', 'irions', 'issions', 'irons', 'issons', 'issants', 'it', 'irait', 'issait', 'issant', 'iraIent', 'issaIent', 'irent', 'issent', 'iront', 'ît', 'iriez', 'issiez', 'irez', 'issez'].map((s) => [s, 1]),
))
const VERB = among({
  ions: 1,
  era: 2, 'ée': 2, erai: 2, er: 2, eras: 2, 'ées': 2, erais: 2, erions: 2, erons: 2, 'és': 2, erait: 2, eraIent: 2, 'èrent': 2, eront: 2, ez: 2, iez: 2, eriez: 2, erez: 2, 'é': 2,
  a: 3, asse: 3, ante: 3, ai: 3, as: 3, 'âmes': 3, asses: 3, antes: 3, 'âtes': 3, ais: 3, assions: 3, ants: 3, ait: 3, ant: 3, aIent: 3, assent: 3, 'ât': 3, assiez: 3,
})
const RESIDUAL = among({ e: 3, Ière: 2, ière: 2, ion: 1, Ier: 2, ier: 2, 'ë': 4 })
const DOUBLE = among({ ell: 1, eill: 1, enn: 1, onn: 1, ett: 1 })

class FrenchStemmer {
  private s = ''
  private cursor = 0
  private limit = 0
  private limitBackward = 0
  private bra = 0
  private ket = 0
  private pV = 0
  private p1 = 0
  private p2 = 0

  stem(word: string): string {
    this.s = word
    this.cursor = 0
    this.limit = word.length
    this.limitBackward = 0
    this.bra = 0
    this.ket = this.limit
    this.prelude()
    this.cursor = 0
    this.markRegions()
    this.cursor = 0
    this.limitBackward = 0
    this.cursor = this.limit
    this.suffixes()
    this.cursor = this.limit
    this.unDouble()
    this.cursor = this.limit
    this.unAccent()
    return this.s.replace(/[IUY]/g, (c) => c.toLowerCase())
  }

  // Marks u and i between vowels, y beside a vowel and the u of qu as consonants (capitals).
  private prelude(): void {
    for (;;) {
      const start = this.cursor
      let found = false
      while (!found) {
        const at = this.cursor
        if (this.preludeAt()) {
          this.cursor = at
          found = true
        } else {
          this.cursor = at
          if (this.cursor >= this.limit) break
          this.cursor++
        }
      }
      if (!found) {
        this.cursor = start
        return
      }
    }
  }

  private preludeAt(): boolean {
    const at = this.cursor
    if (this.inVowel()) {
      this.bra = this.cursor
      const after = this.cursor
      if (this.eq('u')) {
        this.ket = this.cursor
        if (this.inVowel()) return this.sliceFrom('U'), true
      }
      this.cursor = after
      if (this.eq('i')) {
        this.ket = this.cursor
        if (this.inVowel()) return this.sliceFrom('I'), true
      }
      this.cursor = after
      if (this.eq('y')) {
        this.ket = this.cursor
        return this.sliceFrom('Y'), true
      }
    }
    this.cursor = at
    this.bra = this.cursor
    if (this.eq('y')) {
      this.ket = this.cursor
      if (this.inVowel()) return this.sliceFrom('Y'), true
    }
    this.cursor = at
    if (!this.eq('q')) return false
    this.bra = this.cursor
    if (!this.eq('u')) return false
    this.ket = this.cursor
    this.sliceFrom('U')
    return true
  }

  private markRegions(): void {
    this.pV = this.p1 = this.p2 = this.limit
    const start = this.cursor
    if (this.rvStart()) this.pV = this.cursor
    this.cursor = start
    if (this.pastVowel() && this.pastConsonant()) {
      this.p1 = this.cursor
      if (this.pastVowel() && this.pastConsonant()) this.p2 = this.cursor
    }
    this.cursor = start
  }

  // RV starts after two leading vowels' next letter, after `col`, `par` or `tap`, or after the first vowel past the
  // first letter.
  private rvStart(): boolean {
    const start = this.cursor
    if (this.inVowel() && this.inVowel() && this.cursor < this.limit) {
      this.cursor++
      return true
    }
    this.cursor = start
    for (const prefix of ['col', 'par', 'tap']) {
      if (this.eq(prefix)) return true
      this.cursor = start
    }
    if (this.cursor >= this.limit) return false
    this.cursor++
    return this.pastVowel()
  }

  private pastVowel(): boolean {
    for (;;) {
      if (this.inVowel()) return true
      if (this.cursor >= this.limit) return false
      this.cursor++
    }
  }

  private pastConsonant(): boolean {
    for (;;) {
      if (this.outVowel()) return true
      if (this.cursor >= this.limit) return false
      this.cursor++
    }
  }

  private suffixes(): void {
    const fromEnd = this.limit - this.cursor
    const changed = this.standardSuffix() || ((this.cursor = this.limit - fromEnd), this.iVerbSuffix()) || ((this.cursor = this.limit - fromEnd), this.verbSuffix())
    if (changed) {
      this.cursor = this.limit - fromEnd
      const back = this.limit - this.cursor
      this.ket = this.cursor
      if (this.eqBack('Y')) {
        this.bra = this.cursor
        this.sliceFrom('i')
      } else {
        this.cursor = this.limit - back
        if (this.eqBack('ç')) {
          this.bra = this.cursor
          this.sliceFrom('c')
        } else this.cursor = this.limit - back
      }
    } else {
      this.cursor = this.limit - fromEnd
      this.residualSuffix()
    }
  }

  private standardSuffix(): boolean {
    this.ket = this.cursor
    const found = this.findBack(STANDARD)
    if (found === 0) return false
    this.bra = this.cursor
    switch (found) {
      case 1:
        if (!this.r2()) return false
        this.sliceFrom('')
        break
      case 2:
        if (!this.r2()) return false
        this.sliceFrom('')
        this.deleteIcOrMarkIque()
        break
      case 3:
        if (!this.r2()) return false
        this.sliceFrom('log')
        break
      case 4:
        if (!this.r2()) return false
        this.sliceFrom('u')
        break
      case 5:
        if (!this.r2()) return false
        this.sliceFrom('ent')
        break
      case 6:
        if (!this.rv()) return false
        this.sliceFrom('')
        this.afterEment()
        break
      case 7:
        if (!this.r2()) return false
        this.sliceFrom('')
        this.afterIte()
        break
      case 8: {
        if (!this.r2()) return false
        this.sliceFrom('')
        const back = this.limit - this.cursor
        this.ket = this.cursor
        if (!this.eqBack('at')) return (this.cursor = this.limit - back), true
        this.bra = this.cursor
        if (!this.r2()) return (this.cursor = this.limit - back), true
        this.sliceFrom('')
        this.ket = this.cursor
        if (!this.eqBack('ic')) return (this.cursor = this.limit - back), true
        this.bra = this.cursor
        this.sliceFrom(this.r2() ? '' : 'iqU')
        break
      }
      case 9:
        this.sliceFrom('eau')
        break
      case 10:
        if (!this.r1()) return false
        this.sliceFrom('al')
        break
      case 11:
        if (this.r2()) this.sliceFrom('')
        else if (this.r1()) this.sliceFrom('eux')
        else return false
        break
      case 12:
        if (!this.r1() || !this.outVowelBack()) return false
        this.sliceFrom('')
        break
      // 13–15 change the word yet count as no suffix found: the verb suffixes are tried next.
      case 13:
        if (this.rv()) this.sliceFrom('ant')
        return false
      case 14:
        if (this.rv()) this.sliceFrom('ent')
        return false
      case 15: {
        const back = this.limit - this.cursor
        if (!this.inVowelBack() || !this.rv()) return false
        this.cursor = this.limit - back
        this.sliceFrom('')
        return false
      }
    }
    return true
  }

  private deleteIcOrMarkIque(): void {
    const back = this.limit - this.cursor
    this.ket = this.cursor
    if (!this.eqBack('ic')) {
      this.cursor = this.limit - back
      return
    }
    this.bra = this.cursor
    this.sliceFrom(this.r2() ? '' : 'iqU')
  }

  private afterEment(): void {
    const back = this.limit - this.cursor
    const restore = () => void (this.cursor = this.limit - back)
    this.ket = this.cursor
    const found = this.findBack(AFTER_EMENT)
    if (found === 0) return restore()
    this.bra = this.cursor
    switch (found) {
      case 1:
        if (!this.r2()) return restore()
        this.sliceFrom('')
        this.ket = this.cursor
        if (!this.eqBack('at')) return restore()
        this.bra = this.cursor
        if (!this.r2()) return restore()
        this.sliceFrom('')
        break
      case 2:
        if (this.r2()) this.sliceFrom('')
        else if (this.r1()) this.sliceFrom('eux')
        else return restore()
        break
      case 3:
        if (!this.r2()) return restore()
        this.sliceFrom('')
        break
      case 4:
        if (!this.rv()) return restore()
        this.sliceFrom('i')
        break
    }
  }

  private afterIte(): void {
    const back = this.limit - this.cursor
    this.ket = this.cursor
    const found = this.findBack(AFTER_ITE)
    if (found === 0) return void (this.cursor = this.limit - back)
    this.bra = this.cursor
    if (found === 1) this.sliceFrom(this.r2() ? '' : 'abl')
    else if (found === 2) this.sliceFrom(this.r2() ? '' : 'iqU')
    else if (this.r2()) this.sliceFrom('')
    else this.cursor = this.limit - back
  }

  // The verb suffixes are looked for inside RV only: the backward limit moves to its start for the search.
  private iVerbSuffix(): boolean {
    return this.inRv(() => {
      this.ket = this.cursor
      if (this.findBack(I_VERB) === 0) return false
      this.bra = this.cursor
      if (!this.outVowelBack()) return false
      this.sliceFrom('')
      return true
    })
  }

  private verbSuffix(): boolean {
    return this.inRv(() => {
      this.ket = this.cursor
      const found = this.findBack(VERB)
      if (found === 0) return false
      this.bra = this.cursor
      if (found === 1) {
        if (!this.r2()) return false
        this.sliceFrom('')
      } else if (found === 2) this.sliceFrom('')
      else {
        this.sliceFrom('')
        const back = this.limit - this.cursor
        this.ket = this.cursor
        if (this.eqBack('e')) {
          this.bra = this.cursor
          this.sliceFrom('')
        } else this.cursor = this.limit - back
      }
      return true
    })
  }

  private residualSuffix(): boolean {
    const back = this.limit - this.cursor
    this.ket = this.cursor
    if (this.eqBack('s')) {
      this.bra = this.cursor
      const beforeS = this.limit - this.cursor
      if (this.outKeepWithSBack()) {
        this.cursor = this.limit - beforeS
        this.sliceFrom('')
      } else this.cursor = this.limit - back
    } else this.cursor = this.limit - back
    return this.inRv(() => {
      this.ket = this.cursor
      const found = this.findBack(RESIDUAL)
      if (found === 0) return false
      this.bra = this.cursor
      switch (found) {
        case 1: {
          if (!this.r2()) return false
          const at = this.limit - this.cursor
          if (!this.eqBack('s')) {
            this.cursor = this.limit - at
            if (!this.eqBack('t')) return false
          }
          this.sliceFrom('')
          break
        }
        case 2:
          this.sliceFrom('i')
          break
        case 3:
          this.sliceFrom('')
          break
        case 4:
          if (!this.eqBack('gu')) return false
          this.sliceFrom('')
          break
      }
      return true
    })
  }

  private inRv(step: () => boolean): boolean {
    const back = this.limit - this.cursor
    if (this.cursor < this.pV) return false
    this.cursor = this.pV
    const limitBackward = this.limitBackward
    this.limitBackward = this.cursor
    this.cursor = this.limit - back
    const done = step()
    this.limitBackward = limitBackward
    return done
  }

  private unDouble(): void {
    const back = this.limit - this.cursor
    if (this.findBack(DOUBLE) === 0) return
    this.cursor = this.limit - back
    this.ket = this.cursor
    if (this.cursor <= this.limitBackward) return
    this.cursor--
    this.bra = this.cursor
    this.sliceFrom('')
  }

  private unAccent(): void {
    let consonants = 0
    while (this.outVowelBack()) consonants++
    if (consonants === 0) return
    this.ket = this.cursor
    const back = this.limit - this.cursor
    if (!this.eqBack('é')) {
      this.cursor = this.limit - back
      if (!this.eqBack('è')) return
    }
    this.bra = this.cursor
    this.sliceFrom('e')
  }

  private rv(): boolean {
    return this.pV <= this.cursor
  }

  private r1(): boolean {
    return this.p1 <= this.cursor
  }

  private r2(): boolean {
    return this.p2 <= this.cursor
  }

  private inVowel(): boolean {
    if (this.cursor >= this.limit || !is(this.s.charCodeAt(this.cursor), VOWEL)) return false
    this.cursor++
    return true
  }

  private outVowel(): boolean {
    if (this.cursor >= this.limit || is(this.s.charCodeAt(this.cursor), VOWEL)) return false
    this.cursor++
    return true
  }

  private inVowelBack(): boolean {
    if (this.cursor <= this.limitBackward || !is(this.s.charCodeAt(this.cursor - 1), VOWEL)) return false
    this.cursor--
    return true
  }

  private outVowelBack(): boolean {
    if (this.cursor <= this.limitBackward || is(this.s.charCodeAt(this.cursor - 1), VOWEL)) return false
    this.cursor--
    return true
  }

  private outKeepWithSBack(): boolean {
    if (this.cursor <= this.limitBackward || is(this.s.charCodeAt(this.cursor - 1), KEEP_WITH_S)) return false
    this.cursor--
    return true
  }

  private eq(text: string): boolean {
    if (this.limit - this.cursor < text.length || !this.s.startsWith(text, this.cursor)) return false
    this.cursor += text.length
    return true
  }

  private eqBack(text: string): boolean {
    if (this.cursor - this.limitBackward < text.length || !this.s.startsWith(text, this.cursor - text.length)) return false
    this.cursor -= text.length
    return true
  }

  // The longest entry ending at the cursor (Snowball's `among`), the cursor moved before it; 0 when none.
  private findBack(table: Among): number {
    if (this.cursor <= this.limitBackward) return 0
    const entries = table.get(this.s.charCodeAt(this.cursor - 1))
    if (!entries) return 0
    for (const [suffix, result] of entries) {
      if (this.cursor - this.limitBackward >= suffix.length && this.s.startsWith(suffix, this.cursor - suffix.length)) {
        this.cursor -= suffix.length
        return result
      }
    }
    return 0
  }

  // Replaces bra .. ket, moving the cursor and limit as Snowball's `replace_s` does.
  private sliceFrom(text: string): void {
    const adjustment = text.length - (this.ket - this.bra)
    this.s = this.s.slice(0, this.bra) + text + this.s.slice(this.ket)
    this.limit += adjustment
    if (this.cursor >= this.ket) this.cursor += adjustment
    else if (this.cursor > this.bra) this.cursor = this.bra
  }
}

const stemmer = new FrenchStemmer()

/** The Snowball French stem of a word (lower case expected, as the package it replaces). */
export const frenchStem = (word: string): string => stemmer.stem(word)
