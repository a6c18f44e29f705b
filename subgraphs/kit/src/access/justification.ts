import { InvalidClaims, JUSTIFICATION_HEADER } from "./Caller";

/** What a justification must be: text a person wrote, giving a reason an audit can later weigh. */
export interface JustificationRules {
  /** Shorter, in characters, is refused: "x" is not a reason. */
  minLength: number;
  /** Longer is refused: a justification is a reason, and every log entry repeats it. */
  maxLength: number;
  /** Words: runs between spaces holding two or more letters or digits ("Section 47 enquiry" is three). */
  minWords: number;
  /** Letters in all. */
  minLetters: number;
}

/**
 * Three words, ten letters in all: the shortest reasons a professional gives ("MARAC referral
 * pending", "Section 47 enquiry", "Strategy meeting today") pass, while `aaaaaaaaaa`, `1234567890`,
 * `urgent`, a row of dots or single letters spaced out (`a b c d e f g h i j k`) do not. Lengths in characters, not bytes, so
 * "Zoë" costs what "Zoe" does. `TESSERA_JUSTIFICATION_MIN_WORDS`, `TESSERA_JUSTIFICATION_MIN_LETTERS`.
 */
export const DEFAULT_JUSTIFICATION_RULES: Readonly<JustificationRules> = { minLength: 10, maxLength: 1000, minWords: 3, minLetters: 10 };

/**
 * Control and invisible characters: C0/C1 controls (tab and newline included), format characters
 * (zero-width spaces and joiners, bidirectional overrides and isolates, the BOM, soft hyphen),
 * surrogates, private use, unassigned code points, line and paragraph separators, and every other
 * default-ignorable code point — the Hangul fillers among them, which Unicode files as letters, so
 * that a "reason" of blank fillers would otherwise count as words. A person typing a reason enters
 * none of them; they serve only to pad a reason out or to make the log read differently from what
 * was sent.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
/**
 * More combining marks on one letter than any script writes (Vietnamese stacks two, Devanagari a
 * vowel sign and a nasal mark): a tall stack only buries the reason's text under marks.
 */
const MAX_COMBINING_MARKS = 4;
const MARK_STACK = new RegExp(`\\p{M}{${MAX_COMBINING_MARKS + 1},}`, "u");
const LETTER = /\p{L}/gu;
const WORD_CHARACTER = /[\p{L}\p{N}]/gu;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The justification a header carries, as the person wrote it, or throws {@link InvalidClaims}
 * naming what is wrong. Node hands header values over as Latin-1 (one character per byte); the
 * bytes are decoded here as the UTF-8 they are, so "Zoë" is stored as "Zoë", not "ZoÃ«".
 */
export function parseJustification(header: string, rules: JustificationRules = DEFAULT_JUSTIFICATION_RULES): string {
  const refuse = (why: string) => new InvalidClaims(`the ${JUSTIFICATION_HEADER} header ${why}`);
  let text: string;
  try {
    text = utf8.decode(Buffer.from(header, "latin1"));
  } catch {
    throw refuse("is not valid UTF-8: send the reason as UTF-8 text");
  }
  const invisible = INVISIBLE.exec(text);
  if (invisible) {
    const code = invisible[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    throw refuse(`holds a control or invisible character (U+${code}): give the reason as plain text a person wrote`);
  }
  if (MARK_STACK.test(text)) throw refuse(`stacks more than ${MAX_COMBINING_MARKS} combining marks on one letter: give the reason as plain text a person wrote`);
  const length = [...text].length;
  if (length < rules.minLength || length > rules.maxLength) throw refuse(`must give a reason of ${rules.minLength} to ${rules.maxLength} characters`);
  const words = text.split(/\s+/u).filter((word) => (word.match(WORD_CHARACTER)?.length ?? 0) >= 2).length;
  const letters = text.match(LETTER)?.length ?? 0;
  if (words < rules.minWords || letters < rules.minLetters) {
    throw refuse(`must give a reason in words: at least ${rules.minWords} words of two or more letters or digits, ${rules.minLetters} letters in all`);
  }
  return text;
}

/**
 * The request's one justification header. Sent twice, it would reach us as the two joined by ", "
 * (Node joins repeated headers) — a reason neither sender wrote, and two halves that each fail the
 * rules can pass joined — so a repeated header is refused.
 */
export function justificationHeader(headers: NodeJS.Dict<string[]>): string | undefined {
  const values = headers[JUSTIFICATION_HEADER];
  if (!values || values.length === 0) return undefined;
  if (values.length > 1) throw new InvalidClaims(`the ${JUSTIFICATION_HEADER} header was sent ${values.length} times: send one reason`);
  return values[0];
}
