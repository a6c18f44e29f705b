import { bulkUpsert, existingIds, InvalidInput, oneOf, optionalOneOf, parsePastTimestamp, requiredRecordId, type RecordType, type UpsertColumn, upsertColumns } from "@tessera/kit";
import type { DashAssessment } from "../dash/DashAssessment";
import { DASH_ANSWERS, DASH_OFFICER_GRADINGS, DASH_QUESTION_COUNT, DASH_TOOLS, DashAnswer, DashTool } from "../dash/dashVocabulary";

const COLUMNS: readonly UpsertColumn[] = upsertColumns({
  id: "text",
  occurrenceId: "text",
  victimNominalId: "text",
  assessedAt: "timestamptz",
  tool: "text",
  answers: "text[]",
  yesCount: "int",
  officerGrading: "text",
});

/** DARA's question count is not fixed here (its design is not public); this only bounds bad input. */
const MAX_ANSWERS = 100;

/**
 * A DASH or DARA checklist. The DASH yes-count is computed here, never taken from the input, and a
 * DARA checklist is never summed: its scoring is not public.
 */
export const dashAssessmentRecord: RecordType<DashAssessment> = {
  name: "dashAssessment",

  parse(value, now = new Date()) {
    const id = requiredRecordId("id", value.id);
    const occurrenceId = requiredRecordId("occurrenceId", value.occurrenceId);
    const victimNominalId = requiredRecordId("victimNominalId", value.victimNominalId);
    const assessedAt = parsePastTimestamp("assessedAt", value.assessedAt, now);
    const tool = oneOf("tool", value.tool, DASH_TOOLS);
    const answers = parseAnswers(value.answers, tool);
    const officerGrading = optionalOneOf("officerGrading", value.officerGrading, DASH_OFFICER_GRADINGS);
    const yesCount = tool === DashTool.DASH ? answers.filter((answer) => answer === DashAnswer.YES).length : null;
    return { id, occurrenceId, victimNominalId, assessedAt, tool, answers, yesCount, officerGrading };
  },

  id: (assessment) => assessment.id,

  area: { reference: "occurrenceId", type: "occurrence", table: "dash_assessment", column: "occurrence_id" },

  references: (assessment) => [
    { type: "occurrence", field: "occurrenceId", id: assessment.occurrenceId },
    { type: "nominal", field: "victimNominalId", id: assessment.victimNominalId },
  ],

  existing: (manager, ids) => existingIds(manager, "dash_assessment", ids),

  async save(manager, rows) {
    await bulkUpsert(manager, "dash_assessment", COLUMNS, rows);
  },
};

function parseAnswers(value: unknown, tool: DashTool): DashAnswer[] {
  if (!Array.isArray(value) || value.length === 0) throw new InvalidInput("answers", "is required: a list of YES, NO or NOT_KNOWN");
  if (tool === DashTool.DASH && value.length !== DASH_QUESTION_COUNT) {
    throw new InvalidInput("answers", `a DASH checklist has exactly ${DASH_QUESTION_COUNT} answers, not ${value.length}`);
  }
  if (value.length > MAX_ANSWERS) throw new InvalidInput("answers", `must hold at most ${MAX_ANSWERS} answers`);
  return value.map((answer: unknown, index) => oneOf(`answers.${index}`, answer, DASH_ANSWERS));
}
