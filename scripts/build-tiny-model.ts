// Builds the tiny BERT-shaped test model (transformers.js layout) from the seed documents, deterministically.
//
//   npx tsx scripts/build-tiny-model.ts [outDir]     (default: test/fixtures/tiny-model)
//
// The model is a bag of word pieces: a seeded random embedding per piece, one dense layer and tanh.
// It has no attention and knows no meaning; it exists so CI can run the real transformers.js path offline.

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import onnxProto from 'onnx-proto'

const { onnx } = onnxProto

export interface TinyModelOptions {
  /** Folder of `*.txt` seed documents the vocabulary is drawn from. Defaults to the project's `seeds/`. */
  seedsDir?: string
  /** Width of the vectors, 4–1024. Defaults to 64. */
  hiddenSize?: number
  /** Total vocabulary size, special tokens included, 64–30000. Defaults to 4096. */
  vocabSize?: number
  /** How many `##suffix` pieces to keep for words outside the vocabulary. Defaults to 256. */
  suffixPieces?: number
  /** Seed of the weight generator. Defaults to 20150530. */
  seed?: number
}

export const defaultTinyModelOptions = {
  seedsDir: fileURLToPath(new URL('../seeds/', import.meta.url)),
  hiddenSize: 64,
  vocabSize: 4096,
  suffixPieces: 256,
  seed: 20150530,
} satisfies Required<TinyModelOptions>

export const defaultTinyModelDir = fileURLToPath(new URL('../test/fixtures/tiny-model/', import.meta.url))

const specialTokens = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const

// The same pattern transformers.js's BertPreTokenizer uses, so the vocabulary matches what it will see.
const punctuation = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E'
const preTokenPattern = new RegExp(`[^\\s${punctuation}]+|[${punctuation}]`, 'gu')

/** What BertNormalizer does with lowercase on: drop controls, unify whitespace, lowercase, strip accents. */
function normalize(text: string): string {
  const cleaned = text.replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\uFFFD]/gu, (c) => (/\s/.test(c) ? ' ' : ''))
  return cleaned.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
}

/** Count-descending, then code-unit order: never locale-dependent, so every machine builds the same list. */
function byCount(counts: Map<string, number>): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([piece]) => piece)
}

/** How often each pre-token (word or punctuation mark) occurs in the texts, after normalisation. */
export function countWords(texts: string[]): Map<string, number> {
  const words = new Map<string, number>()
  for (const text of texts) {
    for (const word of normalize(text).match(preTokenPattern) ?? []) words.set(word, (words.get(word) ?? 0) + 1)
  }
  return words
}

/** Specials, every character seen (alone and as `##c`), frequent suffixes, then the most frequent words. */
export function buildVocabulary(words: Map<string, number>, vocabSize: number, suffixPieces: number): string[] {
  const chars = new Set<string>()
  const suffixes = new Map<string, number>()
  for (const [word, count] of words) {
    const letters = [...word]
    for (const c of letters) chars.add(c)
    for (let length = 2; length <= 5 && length < letters.length; length++) {
      const suffix = `##${letters.slice(-length).join('')}`
      suffixes.set(suffix, (suffixes.get(suffix) ?? 0) + count)
    }
  }
  const sortedChars = [...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!)
  const vocabulary = [...specialTokens, ...sortedChars, ...sortedChars.map((c) => `##${c}`)]
  const seen = new Set(vocabulary)
  const add = (piece: string) => {
    if (vocabulary.length < vocabSize && !seen.has(piece)) {
      seen.add(piece)
      vocabulary.push(piece)
    }
  }
  byCount(suffixes).slice(0, suffixPieces).forEach(add)
  byCount(words).forEach(add)
  return vocabulary
}

/**
 * How loud each piece is in a mean-pooled embedding: smooth inverse frequency, a / (a + p(word)), as in the SIF
 * sentence-embedding baseline, so “de” and “,” barely count and rare words dominate. Pieces that are not words
 * (`##ent`, `##q`) get a middling weight; special tokens, present in every text, a small one.
 */
function pieceWeights(vocabulary: string[], counts: Map<string, number>): number[] {
  let total = 0
  for (const count of counts.values()) total += count
  const a = 1e-3
  return vocabulary.map((piece) => {
    if ((specialTokens as readonly string[]).includes(piece)) return 0.1
    const count = counts.get(piece)
    return count === undefined ? 0.5 : a / (a + count / total)
  })
}

/** mulberry32: a tiny seeded generator with integer-only steps, identical on every platform. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Roughly normal values (sum of four uniforms, variance 1/3, scaled): no Math.log or Math.cos, whose last bits vary by engine. */
function randomMatrix(random: () => number, length: number, scale: number): Float32Array {
  const values = new Float32Array(length)
  for (let i = 0; i < length; i++) values[i] = (random() + random() + random() + random() - 2) * scale
  return values
}

/** Adds the identity: a dense layer that mostly passes vectors through, as a residual connection does, so it keeps words apart. */
function nearIdentity(noise: Float32Array, size: number): Float32Array {
  for (let i = 0; i < size; i++) noise[i * size + i]! += 1
  return noise
}

function littleEndian(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4)
  const view = new DataView(bytes.buffer)
  values.forEach((v, i) => view.setFloat32(i * 4, v, true))
  return bytes
}

type Tensor = InstanceType<typeof onnx.TensorProto>

function floatTensor(name: string, dims: number[], values: Float32Array): Tensor {
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: littleEndian(values) })
}

function int8Tensor(name: string, dims: number[], values: Int8Array): Tensor {
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.INT8, rawData: new Uint8Array(values.buffer.slice(0)) })
}

function tokenInput(name: string) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.INT64,
        shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }] },
      },
    },
  })
}

function node(opType: string, input: string[], output: string[]) {
  return onnx.NodeProto.create({ opType, input, output, name: `${opType}_${output[0]}` })
}

interface Weights {
  hiddenSize: number
  vocabSize: number
  words: Float32Array
  types: Float32Array
  dense: Float32Array
  bias: Float32Array
}

/**
 * last_hidden_state = tanh((words[input_ids] + types[token_type_ids]) · dense + bias) * attention_mask.
 * The quantized variant stores the word table as int8 with one symmetric scale and dequantizes after the lookup,
 * as a dynamically quantized BERT does for its largest matrix.
 */
function encodeModel(weights: Weights, quantized: boolean): Uint8Array {
  const { hiddenSize: h, vocabSize: v } = weights
  const initializer: Tensor[] = []
  const nodes = []
  if (quantized) {
    let max = 0
    for (const x of weights.words) max = Math.max(max, Math.abs(x))
    const scale = Math.fround(max / 127)
    const q = new Int8Array(weights.words.length)
    weights.words.forEach((x, i) => (q[i] = Math.round(x / scale)))
    initializer.push(
      int8Tensor('word_embeddings_quantized', [v, h], q),
      floatTensor('word_embeddings_scale', [], Float32Array.of(scale)),
      int8Tensor('word_embeddings_zero_point', [], Int8Array.of(0)),
    )
    nodes.push(
      node('Gather', ['word_embeddings_quantized', 'input_ids'], ['word_codes']),
      node('DequantizeLinear', ['word_codes', 'word_embeddings_scale', 'word_embeddings_zero_point'], ['word_vectors']),
    )
  } else {
    initializer.push(floatTensor('word_embeddings', [v, h], weights.words))
    nodes.push(node('Gather', ['word_embeddings', 'input_ids'], ['word_vectors']))
  }
  initializer.push(
    floatTensor('token_type_embeddings', [2, h], weights.types),
    floatTensor('dense_weight', [h, h], weights.dense),
    floatTensor('dense_bias', [h], weights.bias),
    onnx.TensorProto.create({ name: 'mask_axes', dims: [1], dataType: onnx.TensorProto.DataType.INT64, int64Data: [-1] }),
  )
  nodes.push(
    node('Gather', ['token_type_embeddings', 'token_type_ids'], ['type_vectors']),
    node('Add', ['word_vectors', 'type_vectors'], ['embeddings']),
    node('MatMul', ['embeddings', 'dense_weight'], ['projected']),
    node('Add', ['projected', 'dense_bias'], ['biased']),
    node('Tanh', ['biased'], ['activated']),
    onnx.NodeProto.create({
      opType: 'Cast',
      input: ['attention_mask'],
      output: ['mask_float'],
      name: 'Cast_mask_float',
      attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.FLOAT }],
    }),
    node('Unsqueeze', ['mask_float', 'mask_axes'], ['mask_expanded']),
    node('Mul', ['activated', 'mask_expanded'], ['last_hidden_state']),
  )
  const graph = onnx.GraphProto.create({
    name: 'tiny_bert',
    node: nodes,
    initializer,
    input: [tokenInput('input_ids'), tokenInput('attention_mask'), tokenInput('token_type_ids')],
    output: [
      onnx.ValueInfoProto.create({
        name: 'last_hidden_state',
        type: {
          tensorType: {
            elemType: onnx.TensorProto.DataType.FLOAT,
            shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }, { dimValue: h }] },
          },
        },
      }),
    ],
  })
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'ctoc-search scripts/build-tiny-model.ts',
    producerVersion: '1',
    graph,
  })
  return onnx.ModelProto.encode(model).finish()
}

function tokenizerJson(vocabulary: string[]) {
  const id = (token: string) => vocabulary.indexOf(token)
  const special = (token: string) => ({ id: token, type_id: 0 })
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specialTokens.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: special('[CLS]') }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: special('[SEP]') }],
      pair: [
        { SpecialToken: special('[CLS]') },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: special('[SEP]') },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        ['[CLS]', '[SEP]'].map((token) => [token, { id: token, ids: [id(token)], tokens: [token] }]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocabulary.map((piece, i) => [piece, i])),
    },
  }
}

function readme(vocabSize: number, hiddenSize: number, documents: number): string {
  return `# tiny-model — a test fixture, not a semantic model

Written by \`npx tsx scripts/build-tiny-model.ts\` (do not edit by hand; rerun the script). The build is
deterministic: the same seeds give the same bytes, and \`test/index/embed-tiny-model.test.ts\` checks that
this folder matches a fresh build.

What it is: a BERT-shaped feature-extraction model in the transformers.js layout, so that CI can load a
model through the real \`@xenova/transformers\` code path with no network.

- \`tokenizer.json\`: WordPiece (BertNormalizer with lowercase and accent stripping, BertPreTokenizer,
  \`[CLS] … [SEP]\`), ${vocabSize} pieces drawn from the ${documents} seed documents in \`seeds/\`: the special
  tokens, every character seen (alone and as \`##c\`), the most frequent word endings, then the most
  frequent words.
- \`onnx/model.onnx\`: inputs \`input_ids\`, \`attention_mask\`, \`token_type_ids\` (int64 [batch, sequence]),
  output \`last_hidden_state\` (float32 [batch, sequence, ${hiddenSize}]) =
  tanh((words[input_ids] + types[token_type_ids]) · dense + bias) × attention_mask, ONNX opset 13.
  The weights come from a seeded generator.
- \`onnx/model_quantized.onnx\`: the same with the word table stored as int8 (one symmetric scale).

What it is not: it has no attention and was never trained. Each word piece has its own random vector,
scaled by smooth inverse frequency in the seeds (a / (a + p), a = 0.001: “de” and “,” barely count, rare
words dominate), and the dense layer is the identity plus a little noise. So mean-pooled embeddings of two
texts are close when they share rare word pieces and far otherwise — a weighted bag of words. Good for
testing plumbing and ranking mechanics; meaningless as semantics. It has no query/passage prefixes
(no \`embedding.json\`): in a bag of words they would only add noise.
`
}

/** Builds the model into `outDir` and returns the files written, relative to it. */
export async function buildTinyModel(outDir: string, options: TinyModelOptions = {}): Promise<string[]> {
  const { seedsDir, hiddenSize, vocabSize, suffixPieces, seed } = { ...defaultTinyModelOptions, ...options }
  const seedFiles = (await readdir(seedsDir)).filter((f) => f.endsWith('.txt')).sort()
  if (seedFiles.length === 0) throw new Error(`build-tiny-model: no *.txt seed documents in ${seedsDir}`)
  const texts = await Promise.all(seedFiles.map((f) => readFile(join(seedsDir, f), 'utf8')))
  const counts = countWords(texts)
  const vocabulary = buildVocabulary(counts, vocabSize, suffixPieces)
  const v = vocabulary.length
  const h = hiddenSize

  const random = seededRandom(seed)
  const words = randomMatrix(random, v * h, 0.5)
  const weights = pieceWeights(vocabulary, counts)
  for (let i = 0; i < words.length; i++) words[i] = Math.fround(words[i]! * weights[Math.floor(i / h)]!)
  const model: Weights = {
    hiddenSize: h,
    vocabSize: v,
    words,
    types: randomMatrix(random, 2 * h, 0.002),
    dense: nearIdentity(randomMatrix(random, h * h, 0.1), h),
    bias: randomMatrix(random, h, 0.002),
  }

  const config = {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: h,
    vocab_size: v,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: h,
    hidden_act: 'tanh',
    max_position_embeddings: 512,
    type_vocab_size: 2,
    pad_token_id: 0,
  }
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: null,
    tokenize_chinese_chars: true,
    model_max_length: 512,
    clean_up_tokenization_spaces: true,
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
  }
  const files: Array<[string, string | Uint8Array]> = [
    ['README.md', readme(v, h, seedFiles.length)],
    ['config.json', `${JSON.stringify(config, null, 2)}\n`],
    ['tokenizer_config.json', `${JSON.stringify(tokenizerConfig, null, 2)}\n`],
    ['tokenizer.json', `${JSON.stringify(tokenizerJson(vocabulary))}\n`],
    ['onnx/model.onnx', encodeModel(model, false)],
    ['onnx/model_quantized.onnx', encodeModel(model, true)],
  ]
  await mkdir(join(outDir, 'onnx'), { recursive: true })
  for (const [name, content] of files) await writeFile(join(outDir, name), content)
  return files.map(([name]) => name)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outDir = resolve(process.argv[2] ?? defaultTinyModelDir)
  const written = await buildTinyModel(outDir)
  console.log(`tiny model written to ${outDir}: ${written.join(', ')}`)
}
