// pdf.js, loaded without slowing the rest of the process. Its legacy build (the one that runs on Node 20) carries
// core-js polyfills that replace native built-ins process-wide, among them Array.prototype.push (2.8× slower) and
// JSON.stringify (13× slower, measured): a build or a server that had read one PDF would serialise every answer
// with the polyfill. The natives are put back once pdf.js is loaded; what it adds (Promise.withResolvers…) stays.

const BUILT_INS: object[] = [
  Array.prototype, Object, Object.prototype, JSON, Math, Number, String.prototype, Promise, Promise.prototype,
  Map.prototype, Set.prototype, WeakMap.prototype, RegExp.prototype, ArrayBuffer.prototype,
  Object.getPrototypeOf(Uint8Array.prototype) as object, Uint8Array.prototype, globalThis,
]

const natives = BUILT_INS.map((target) => new Map(Reflect.ownKeys(target).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)!])))

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
// The worker's code too (pdf.js would import it at the first document, with its own polyfills): once loaded, it
// sets globalThis.pdfjsWorker, which pdf.js then uses in this thread.
await import('pdfjs-dist/legacy/build/pdf.worker.mjs')

BUILT_INS.forEach((target, i) => {
  for (const [key, native] of natives[i]!) {
    const now = Object.getOwnPropertyDescriptor(target, key)
    if (typeof native.value === 'function' && now && now.value !== native.value) Object.defineProperty(target, key, native)
  }
})

export const { getDocument } = pdfjs
export type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'
