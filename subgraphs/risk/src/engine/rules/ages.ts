import { ageAt, formatDate, within } from "../dates";
import { kindLabel } from "../describe";
import type { RiskContext } from "../riskContext";
import type { Finding, Rule } from "./Finding";

/** Her age by the most recent date of birth identity holds, and what the others say, if they differ. */
function ageOf(context: RiskContext): { age: number; bornOn: string; others: number[] } | null {
  const [latest, ...older] = context.datesOfBirth;
  const age = latest === undefined ? null : ageAt(latest, context.now);
  if (age === null) return null;
  const others = [...new Set(older.map((dateOfBirth) => ageAt(dateOfBirth, context.now)).filter((other) => other !== null && other !== age))] as number[];
  return { age, bornOn: latest!, others };
}

/**
 * Rule set v2: ages decide who else leads. A victim of 16 or 17 is a victim of domestic abuse (the
 * Domestic Abuse Act 2021 applies from 16) and a child (Children Act 1989): children's social care
 * leads beside MARAC; under 16 it is the abuse of a child. An older adult abused by a relative is an
 * adult at risk (Care Act 2014 s42). Neither adds points: they say who must act.
 */
export const ages: Rule = (context) => {
  const rule = context.rules.ages;
  if (!rule) return null;
  const found = ageOf(context);
  if (!found) return null;
  const current = context.incidentsToAnyAgency.filter((event) => within(event.occurredAt, context.now, rule.currentAbuseDays));
  if (current.length === 0) return null;
  const { age, bornOn, others } = found;
  // The engine does not know the subject's sex: these statements are about a person of any.
  const aged = `The subject is ${age} (born ${bornOn}${others.length > 0 ? `; the records also give ${others.join(" or ")}` : ""})`;
  const finding = (statement: string, headline: string, events: Finding["events"]): Finding => ({ ruleId: "ages", statement, contribution: 0, floor: null, notice: true, events, headline });
  const latest = current[current.length - 1]!;
  if (age < rule.domesticAbuseFromAge) {
    return finding(
      `${aged}: under ${rule.domesticAbuseFromAge}, the Domestic Abuse Act 2021 does not apply, and the abuse is the abuse of a child under the Children Act 1989: children's social care leads, with a section 47 enquiry where the child is at risk of significant harm.`,
      `${age}: a child, for children's social care`,
      [latest],
    );
  }
  if (age < rule.adultFromAge) {
    return finding(
      `${aged}: a victim of domestic abuse under the Domestic Abuse Act 2021, which applies from ${rule.domesticAbuseFromAge}, and also a child under the Children Act 1989: children's social care leads on safeguarding them beside MARAC.`,
      `${age}: also a child to safeguard`,
      [latest],
    );
  }
  if (age < rule.olderAdultFromAge) return null;
  const byRelative = current.filter((event) => context.abusersIn(event).some((abuser) => abuser.relationship === "FAMILY_MEMBER"));
  const last = byRelative[byRelative.length - 1];
  if (!last) return null;
  return finding(
    `${aged} and abused by a family member (the ${kindLabel(last.kind)} of ${formatDate(last.occurredAt)}, ${last.agency}, ${last.area}): an adult at risk — where they have care and support needs, a Care Act 2014 section 42 enquiry by the council's adult social care, beside MARAC.`,
    `${age}, abused by a relative: an adult at risk`,
    byRelative,
  );
};
