// pdf.js ships no types for its worker module; it is imported only for what it does when loaded.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs'
