// Why a file of the corpus cannot be read: thrown by a reader, reported by the corpus loader as a skipped file.

/** A file that is skipped, with the reason a person can act on (`encrypted PDF…`, `not in French…`). */
export class UnreadableFile extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'UnreadableFile'
  }
}
