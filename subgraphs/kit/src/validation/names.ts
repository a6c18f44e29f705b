/**
 * Case, accents, punctuation and spacing folded away: the form names are compared in. Letters of
 * every script are kept — a name written in Chinese or Arabic is a name, and a person whose name
 * normalised to nothing could never be registered with identity.
 */
export function normaliseName(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’-]/g, "")
    .replace(/[^\p{L}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}
