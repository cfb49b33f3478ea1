// The pieces the stemmer tests build words from: vowels, accented and marked letters (I, U, Y as the prelude marks
// them), and the algorithm's suffixes, so that generated words reach each of its steps.
export const STEMMER_PIECES = ['a', 'e', 'i', 'o', 'u', 'y', 'é', 'è', 'ê', 'â', 'î', 'ô', 'û', 'ë', 'ï', 'ç', 'q', 'g', 's', 't', 'r', 'n', 'l', 'm', 'c', 'v', 'b', 'I', 'U', 'Y',
  'qu', 'gu', 'ic', 'iv', 'at', 'abil', 'eus', 'ière', 'ier', 'ion', 'ement', 'issement', 'amment', 'emment', 'ment', 'ité', 'iqUe', 'ique', 'euse', 'aux', 'eaux', 'ance', 'logie', 'usion', 'ution', 'ence', 'ateur', 'atrice', 'isse', 'issant', 'irent', 'aIent', 'erions', 'assiez', 'èrent', 'âmes', 'ell', 'enn', 'onn', 'ett', 'eill', 'col', 'par', 'tap']
