/**
 * String similarities used by the comparison levels, implemented here so that the numbers a link's
 * evidence shows are reproducible without a native library. Definitions as in Splink (which uses
 * DuckDB's): Jaro–Winkler with prefix scale 0.1 over at most 4 characters; Damerau–Levenshtein in
 * the optimal-string-alignment form (adjacent transposition counts as one edit).
 */

// Scratch buffers reused across calls: linkage calls Jaro millions of times.
let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

/** Jaro similarity in [0, 1]: shared characters within a window, penalised by transpositions. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0 || lengthB === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(lengthA, lengthB) / 2) - 1);
  if (matchedA.length < lengthA || matchedB.length < lengthB) {
    matchedA = new Uint8Array(Math.max(lengthA, lengthB) * 2);
    matchedB = new Uint8Array(Math.max(lengthA, lengthB) * 2);
  }
  matchedA.fill(0, 0, lengthA);
  matchedB.fill(0, 0, lengthB);
  let matches = 0;
  for (let i = 0; i < lengthA; i += 1) {
    const start = Math.max(0, i - window);
    const end = Math.min(i + window + 1, lengthB);
    for (let j = start; j < end; j += 1) {
      if (matchedB[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      matchedA[i] = 1;
      matchedB[j] = 1;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < lengthA; i += 1) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k += 1;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions += 1;
    k += 1;
  }
  return (matches / lengthA + matches / lengthB + (matches - transpositions / 2) / matches) / 3;
}

/** Jaro–Winkler: Jaro boosted for a shared prefix (names are mistyped more at their ends). */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  const similarity = jaro(a, b);
  let prefix = 0;
  const limit = Math.min(4, a.length, b.length);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  return similarity + prefix * prefixScale * (1 - similarity);
}

/** Edits (insert, delete, substitute, swap two adjacent characters) turning `a` into `b`. */
export function damerauLevenshtein(a: string, b: string): number {
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0) return lengthB;
  if (lengthB === 0) return lengthA;
  const width = lengthB + 1;
  const distance = new Uint16Array((lengthA + 1) * width);
  for (let i = 0; i <= lengthA; i += 1) distance[i * width] = i;
  for (let j = 0; j <= lengthB; j += 1) distance[j] = j;
  for (let i = 1; i <= lengthA; i += 1) {
    for (let j = 1; j <= lengthB; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(distance[(i - 1) * width + j]! + 1, distance[i * width + j - 1]! + 1, distance[(i - 1) * width + j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        best = Math.min(best, distance[(i - 2) * width + j - 2]! + 1);
      }
      distance[i * width + j] = best;
    }
  }
  return distance[lengthA * width + lengthB]!;
}

const characterCounts = new Int32Array(256);

/**
 * A cheap upper bound on Jaro–Winkler from the characters the two strings share (ignoring order and
 * window): most pairs compared at random are far apart, and this rules them out without the full
 * computation. Exact for the prefix; never below the true similarity.
 */
export function jaroWinklerUpperBound(a: string, b: string, prefixScale = 0.1): number {
  if (a === b) return 1;
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0 || lengthB === 0) return 0;
  let common = 0;
  let ascii = true;
  for (let i = 0; i < lengthA; i += 1) {
    const code = a.charCodeAt(i);
    if (code > 255) ascii = false;
    else characterCounts[code]! += 1;
  }
  for (let j = 0; j < lengthB; j += 1) {
    const code = b.charCodeAt(j);
    if (code > 255) ascii = false;
    else if (characterCounts[code]! > 0) {
      characterCounts[code]! -= 1;
      common += 1;
    }
  }
  for (let i = 0; i < lengthA; i += 1) {
    const code = a.charCodeAt(i);
    if (code <= 255) characterCounts[code] = 0;
  }
  if (!ascii) return 1;
  const jaroBound = common === 0 ? 0 : (common / lengthA + common / lengthB + 1) / 3;
  let prefix = 0;
  const limit = Math.min(4, lengthA, lengthB);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  return jaroBound + prefix * prefixScale * (1 - jaroBound);
}
