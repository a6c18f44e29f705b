import { asAt, visibleHistory } from "../visibleHistory";
import { serialPerpetratorTest } from "../serialPerpetratorTest";
import type { Rule } from "./Finding";

/**
 * Rule set v1: whether someone named as the subject's perpetrator is a serial perpetrator, from their
 * own events as the caller sees them, for a flat number of points. Only perpetrators identity has
 * resolved can be tested. Rule set v2 reads his whole history instead (`perpetratorHistory`).
 */
export const serialPerpetrator: Rule = (context, perpetrators) => {
  if (context.rules.perpetratorHistory) return null;
  const named = new Set(
    context.incidentsToAnyAgency.flatMap((event) => context.abusersIn(event).map((counterpart) => counterpart.subjectId)).filter((subjectId) => subjectId !== null),
  );
  const serial = perpetrators
    .filter((perpetrator) => named.has(perpetrator.subjectId))
    .map((perpetrator) => {
      const events = asAt(visibleHistory({ events: perpetrator.events, sources: context.sources }).events, context.now);
      return { perpetrator, test: serialPerpetratorTest(perpetrator.subjectId, events, context.now, context.rules, context.ruleSet.vocabulary) };
    })
    .filter(({ test }) => test.met);
  if (serial.length === 0) return null;
  return {
    ruleId: "serialPerpetrator",
    statement: serial.map(({ perpetrator, test }) => `The subject's named perpetrator (subject ${perpetrator.subjectId}) is a serial perpetrator. ${test.evidence}`).join(" "),
    contribution: context.rules.serialPerpetrator.points,
    floor: null,
    events: serial.flatMap(({ test }) => test.events),
    headline: "her abuser a serial perpetrator",
  };
};
