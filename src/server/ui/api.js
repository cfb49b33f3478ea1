// Talking to the API of this server; every error it can answer is said in French.

/** The French for each error code of the API (its own messages are in English). */
const MESSAGES = {
  BAD_QUERY: 'La requête contient des caractères illisibles : retapez-la.',
  QUERY_EMPTY: 'Tapez un ou plusieurs mots à chercher.',
  QUERY_TOO_LONG: 'La requête est trop longue (1 000 caractères au plus) : raccourcissez-la.',
  BAD_PARAMETER: 'Un réglage de la recherche est invalide (adresse modifiée à la main ?) : effacez les filtres.',
  NOT_FOUND: 'Ce passage ou ce document n’existe pas (ou plus) dans l’index.',
  METHOD_NOT_ALLOWED: 'Action non permise.',
  PAYLOAD_TOO_LARGE: 'Requête trop volumineuse.',
  TIMEOUT: 'La recherche a pris trop de temps et a été arrêtée : précisez-la.',
  OVERLOADED: 'Le serveur est très sollicité : réessayez dans un instant.',
  INDEX_MISSING: 'L’index n’est pas encore construit : réessayez dans un moment.',
  INDEX_CORRUPT: 'L’index est illisible : l’administrateur doit le reconstruire.',
  INDEX_BUILD_FAILED: 'La construction de l’index a échoué ; l’index précédent est conservé.',
  SEED_INVALID: 'Un document source n’a pas pu être lu.',
  MODEL_UNAVAILABLE: 'Le modèle sémantique n’a pas pu être chargé.',
  INTERNAL: 'Erreur interne du serveur : réessayez ; si elle persiste, signalez-la.',
  UNREACHABLE: 'Le serveur ne répond pas : vérifiez qu’il tourne, puis rechargez la page.',
}

export class ApiError extends Error {
  constructor(code, status, detail) {
    super(MESSAGES[code] || `Erreur ${status} du serveur.`)
    this.code = code
    this.status = status
    this.detail = detail
  }
}

export const frenchMessage = (code) => MESSAGES[code]

export async function api(path) {
  let response
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' } })
  } catch {
    throw new ApiError('UNREACHABLE', 0, 'network')
  }
  const body = await response.json().catch(() => null)
  if (!response.ok) throw new ApiError(body?.error?.code || 'INTERNAL', response.status, body?.error?.message)
  return body
}

