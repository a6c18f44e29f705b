import { registerEnumType } from "type-graphql";

/**
 * The police risk checklists: DASH (27 questions, yes-count banded) and DARA (College of Policing,
 * replacing DASH from 2022; its scoring is not public, so its answers are stored and never summed).
 */
export enum DashTool {
  DASH = "DASH",
  DARA = "DARA",
}
registerEnumType(DashTool, { name: "DashTool", description: "The risk checklist an officer completed: DASH, or DARA (answers never summed: its scoring is not public)." });
export const DASH_TOOLS = Object.values(DashTool);

export enum DashAnswer {
  YES = "YES",
  NO = "NO",
  NOT_KNOWN = "NOT_KNOWN",
}
registerEnumType(DashAnswer, { name: "DashAnswer", description: "One checklist answer: yes, no, or not known." });
export const DASH_ANSWERS = Object.values(DashAnswer);

/** The officer's grading: professional judgement may raise the checklist's band, never lower it. */
export enum DashOfficerGrading {
  STANDARD = "STANDARD",
  MEDIUM = "MEDIUM",
  HIGH = "HIGH",
}
registerEnumType(DashOfficerGrading, { name: "DashOfficerGrading", description: "The officer's risk grading: STANDARD, MEDIUM or HIGH." });
export const DASH_OFFICER_GRADINGS = Object.values(DashOfficerGrading);

/** The police version of the DASH checklist has 27 questions (the SafeLives partner version 24). */
export const DASH_QUESTION_COUNT = 27;
