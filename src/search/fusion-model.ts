// The learned fusion's model file: data/fusion-model.json, written by `npm run train:fusion`, read once per process
// and checked against the features the engine computes.

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { FEATURES } from './features.js'
import { FUSION_MODEL_FORMAT, type FusionModel, type TreeNode } from './learned-fusion.js'

export const defaultModelFile = fileURLToPath(new URL('../../data/fusion-model.json', import.meta.url))

/** Checks a parsed model file; throws an Error saying what is wrong with it. */
export function checkFusionModel(value: unknown, source = 'the fusion model'): FusionModel {
  const model = value as Partial<FusionModel> | null
  if (!model || typeof model !== 'object' || model.format !== FUSION_MODEL_FORMAT) throw new Error(`${source} is not a ${FUSION_MODEL_FORMAT} file`)
  if (!Array.isArray(model.features) || model.features.join() !== FEATURES.join())
    throw new Error(`${source} was trained on other features (${String(model.features)}) than the engine computes (${FEATURES.join()}): run npm run train:fusion`)
  if (typeof model.bias !== 'number' || !Array.isArray(model.trees)) throw new Error(`${source} has no bias or trees`)
  if (model.linear) {
    const { weights, centers } = model.linear
    const finite = (xs: unknown) => Array.isArray(xs) && xs.length === FEATURES.length && xs.every((x) => Number.isFinite(x))
    if (!finite(weights) || !finite(centers)) throw new Error(`${source} has a linear part without one finite weight and center per feature`)
  }
  model.trees.forEach((tree, t) => checkTree(tree, `${source}, tree ${t}`))
  return model as FusionModel
}

function checkTree(tree: TreeNode[], where: string): void {
  if (!Array.isArray(tree) || tree.length === 0) throw new Error(`${where} is empty`)
  tree.forEach((node, n) => {
    const ok =
      (node.length === 1 && Number.isFinite(node[0])) ||
      (node.length === 5 && Number.isInteger(node[0]) && node[0] >= 0 && node[0] < FEATURES.length && Number.isFinite(node[1]) && node[2] > n && node[2] < tree.length && node[3] > n && node[3] < tree.length && Number.isFinite(node[4]))
    if (!ok) throw new Error(`${where}, node ${n} is malformed: ${JSON.stringify(node)}`)
  })
}

let loaded: FusionModel | undefined

/** The committed model, read on first use. */
export function fusionModel(file = defaultModelFile): FusionModel {
  if (file !== defaultModelFile) return checkFusionModel(JSON.parse(readFileSync(file, 'utf8')), file)
  return (loaded ??= checkFusionModel(JSON.parse(readFileSync(file, 'utf8')), file))
}
