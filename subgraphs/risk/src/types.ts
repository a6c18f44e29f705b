import { SubjectRole } from "@tessera/kit";
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";

export enum RiskLevel {
  STANDARD = "STANDARD",
  MEDIUM = "MEDIUM",
  HIGH = "HIGH",
}

registerEnumType(RiskLevel, {
  name: "RiskLevel",
  description: "As DOMAIN.md defines them (SafeLives): the level of harm a professional should plan for.",
  valuesConfig: {
    STANDARD: { description: "No current evidence of likely serious harm." },
    MEDIUM: { description: "Identifiable indicators of serious harm; unlikely unless circumstances change." },
    HIGH: { description: "Serious harm could happen at any time, with serious impact." },
  },
});

export enum Completeness {
  COMPLETE = "COMPLETE",
  PARTIAL = "PARTIAL",
}

registerEnumType(Completeness, {
  name: "Completeness",
  description: "Whether the result rests on every agency risk reads, or only on those the caller could see.",
  valuesConfig: {
    COMPLETE: { description: "Every agency's events were seen." },
    PARTIAL: { description: "Some agency's events were not seen: the level is a lower bound, which what was not seen could raise." },
  },
});

/** Identity's subject: risk adds computed fields to it, and returns it to walk the graph on from a result. */
@ObjectType("Subject")
@Directive('@key(fields: "id")')
export class Subject {
  @Field(() => ID)
  id: string;
}

@ObjectType({ description: "Why an event matters in the chronology." })
export class TurningPoint {
  @Field({ description: "FIRST_CONTACT_AGENCY, FIRST_CONTACT_AREA, FIRST_INJURY, ESCALATION or GAP." })
  kind: string;

  @Field()
  note: string;
}

@ObjectType({ description: "One event of the multi-agency chronology." })
export class ChronologyEntry {
  @Field({ description: "The event's id in its agency." })
  id: string;

  @Field()
  agency: string;

  @Field({ description: "The force, trust or council that recorded it." })
  area: string;

  @Field(() => Date)
  occurredAt: Date;

  @Field()
  kind: string;

  @Field(() => SubjectRole)
  role: SubjectRole;

  @Field(() => [TurningPoint])
  turningPoints: TurningPoint[];
}

@ObjectType({ description: "An agency whose events the result does or does not rest on." })
export class SourceVisibility {
  @Field()
  agency: string;

  @Field()
  visible: boolean;

  @Field(() => String, { nullable: true })
  reason: string | null;
}

@ObjectType({ description: "What a computed result rests on, so that a partial picture is never taken for the whole." })
export class RiskBasis {
  @Field(() => [String], { description: "Agencies whose events were seen." })
  agenciesSeen: string[];

  @Field(() => [SourceVisibility], { description: "Agencies whose events this caller could not see, and why: the result is computed without them." })
  agenciesNotSeen: SourceVisibility[];

  @Field(() => [String], { description: "The forces, trusts and councils whose events contributed." })
  areas: string[];

  @Field({ description: "The version of the rule set (subgraphs/risk/config/rules.v*.json) the result was computed with." })
  ruleSetVersion: string;

  @Field({ description: "The version of the Crime Harm Index weight table in the rule set." })
  harmIndexVersion: string;

  @Field(() => String, { nullable: true, description: "The area whose threshold overrides applied (that of the latest police event); null: the rule set's own." })
  thresholdsArea: string | null;

  @Field(() => Date)
  computedAt: Date;
}

@ObjectType({ description: "One rule's finding." })
export class RiskReason {
  @Field({ description: "The rule's id in the rule set." })
  ruleId: string;

  @Field({ description: "What the rule found, in words a MARAC chair can weigh." })
  statement: string;

  @Field(() => Float, { description: "Its contribution to the level (see the rule set's level thresholds)." })
  contribution: number;

  @Field(() => [String], { description: "The events it rests on, as agency/id." })
  events: string[];

  @Field(() => Date, { nullable: true, description: "When its newest evidence happened: reasons come newest first." })
  latestAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Set when an event it rests on joined the subject through a record linked without a strong identifier (NHS number, PNC ID): which record, and why the link is in doubt.",
  })
  linkDoubt: string | null;
}

@ObjectType({
  description:
    "The subject's risk as a potential victim, with the reasons for it. Decision support for a professional, not an automated decision: " +
    "a practitioner reviews it, and may raise it on their own judgement (the DASH band and recorded professional judgement are floors the computation never lowers).",
})
export class RiskAssessment {
  @Field(() => RiskLevel, { description: "The level; when completeness is PARTIAL, a lower bound (\"at least\")." })
  level: RiskLevel;

  @Field(() => Completeness)
  completeness: Completeness;

  @Field({ description: "The assessment in at most 20 words, level first, for an officer to read in ten seconds." })
  headline: string;

  @Field(() => [RiskReason], { description: "Newest evidence first." })
  reasons: RiskReason[];

  @Field(() => RiskBasis)
  basis: RiskBasis;

  @Field({ description: "The assessment in full: what the level is, what it rests on and what was not seen, the score's arithmetic and the rule set." })
  summary: string;
}

@ObjectType({ description: "One SafeLives MARAC referral criterion and the evidence for it." })
export class MaracCriterionResult {
  @Field({ description: "VISIBLE_HIGH_RISK, POTENTIAL_ESCALATION, REPEAT or PROFESSIONAL_JUDGEMENT." })
  criterion: string;

  @Field()
  met: boolean;

  @Field()
  evidence: string;

  @Field(() => [String], { description: "The events it rests on, as agency/id." })
  events: string[];
}

@ObjectType({ description: "The MARAC referral criteria for the subject as a victim. Decision support: the referral is a practitioner's decision." })
export class MaracAssessment {
  @Field(() => [MaracCriterionResult])
  criteria: MaracCriterionResult[];

  @Field()
  referralIndicated: boolean;

  @Field({ description: "Why a referral is or is not indicated." })
  indication: string;

  @Field(() => Completeness, { description: "PARTIAL: a referral not indicated is not indicated by what the caller can see." })
  completeness: Completeness;

  @Field(() => RiskBasis)
  basis: RiskBasis;
}

@ObjectType({ description: "The subject as a suspect or offender of domestic abuse." })
export class PerpetratorProfile {
  @Field(() => Int, { description: "Distinct victims, counted as distinct subjects." })
  distinctVictims: number;

  @Field(() => [Subject], { description: "The victims, to walk on to their histories." })
  victims: Subject[];

  @Field({ description: "The serial-perpetrator test (Northumbria MATAC definition, window from the rule set)." })
  serialPerpetrator: boolean;

  @Field()
  serialPerpetratorEvidence: string;

  @Field(() => Int, { nullable: true, description: "Days since the latest incident as suspect or offender." })
  daysSinceLastIncident: number | null;

  @Field(() => Int, { description: "Incidents as suspect or offender in the rule set's frequency window." })
  incidentsInWindow: number;

  @Field(() => Float, { description: "Crime Harm Index total (days), from the versioned weight table named in harmTableVersion." })
  harm: number;

  @Field()
  harmTableVersion: string;

  @Field(() => Float, { description: "A local, configurable priority score (recency, frequency, harm): labelled local, not a national measure." })
  localPriorityScore: number;

  @Field(() => [String])
  areas: string[];

  @Field({ description: "Some of its incidents are possible counter-allegations: the subject recorded as suspect against her own established abuser (see caveat). They are set aside from the serial-perpetrator test." })
  counterAllegation: boolean;

  @Field(() => String, { nullable: true, description: "What a reader must weigh before relying on the profile, e.g. a possible counter-allegation." })
  caveat: string | null;

  @Field(() => RiskBasis)
  basis: RiskBasis;
}

@ObjectType({ description: "A person connected to the subject through shared events." })
export class Associate {
  @Field(() => Subject, { nullable: true, description: "Their subject, when identity has linked the record; walk on from here." })
  subject: Subject | null;

  @Field({ description: "The record the connection was made through, when no subject is known." })
  agency: string;

  @Field()
  localId: string;

  @Field(() => [String], { description: "VICTIM_OF, SUSPECT_AGAINST, HOUSEHOLD_MEMBER or CO_INVOLVED, as the subject relates to them." })
  relationships: string[];

  @Field(() => [String], { description: "The events behind it, as agency/id." })
  events: string[];
}
