import { readFileSync } from "node:fs";
import path from "node:path";
import { SafeguardingMarker } from "@tessera/kit";
import { DASH_QUESTION_COUNT } from "../dash/dashVocabulary";
import { OCCURRENCE_CATEGORIES, type OccurrenceCategory } from "../occurrences/OccurrenceCategory";

/**
 * The markers a police event carries beyond those recorded on its occurrence, as data with its
 * source (`config/markers.json`): a professional may question which DASH question is which marker,
 * and the answer must be readable and changeable without reading code.
 */
export interface MarkerDerivation {
  /** A DASH question (1 to 27, police numbering) whose YES answer gives the marker. */
  dashQuestions: { question: number; marker: SafeguardingMarker }[];
  /** An occurrence category that is itself the marker. */
  categories: { category: OccurrenceCategory; marker: SafeguardingMarker }[];
}

export const MARKER_DERIVATION_PATH = path.join(__dirname, "..", "..", "config", "markers.json");

const MARKERS: readonly string[] = Object.values(SafeguardingMarker);

/** Reads and checks the whole file, naming the first entry at fault: a bad table must stop the subgraph starting. */
export function loadMarkerDerivation(file: string = MARKER_DERIVATION_PATH): MarkerDerivation {
  const config = JSON.parse(readFileSync(file, "utf8"));
  const fail = (where: string, message: string): never => {
    throw new Error(`${file}: ${where}: ${message}`);
  };
  const sourced = (where: string, section: unknown, list: string): unknown[] => {
    if (typeof section !== "object" || section === null) return fail(where, "is required");
    const { source, [list]: entries } = section as Record<string, unknown>;
    if (typeof source !== "string" || source.trim() === "") fail(`${where}.source`, "is required: where the table comes from");
    if (!Array.isArray(entries)) return fail(`${where}.${list}`, "must be a list");
    return entries;
  };
  const marker = (where: string, value: unknown) => (MARKERS.includes(value as string) ? (value as SafeguardingMarker) : fail(where, `${JSON.stringify(value)} is not a SafeguardingMarker`));

  const dashQuestions = sourced("dashQuestions", config.dashQuestions, "questions").map((entry, index) => {
    const where = `dashQuestions.questions.${index}`;
    const { question } = entry as { question: unknown };
    if (!Number.isInteger(question) || (question as number) < 1 || (question as number) > DASH_QUESTION_COUNT) {
      fail(`${where}.question`, `must be a DASH question number, 1 to ${DASH_QUESTION_COUNT}`);
    }
    return { question: question as number, marker: marker(`${where}.marker`, (entry as { marker: unknown }).marker) };
  });
  const categories = sourced("categories", config.categories, "implies").map((entry, index) => {
    const where = `categories.implies.${index}`;
    const { category } = entry as { category: unknown };
    if (!OCCURRENCE_CATEGORIES.includes(category as OccurrenceCategory)) fail(`${where}.category`, `${JSON.stringify(category)} is not an occurrence category`);
    return { category: category as OccurrenceCategory, marker: marker(`${where}.marker`, (entry as { marker: unknown }).marker) };
  });
  return { dashQuestions, categories };
}
