import "reflect-metadata";
import { Directive, Field, ID, InterfaceType, ObjectType, registerEnumType } from "type-graphql";

/** The part a subject plays in an event, in the common vocabulary of every agency. */
export enum SubjectRole {
  VICTIM = "VICTIM",
  SUSPECT = "SUSPECT",
  OFFENDER = "OFFENDER",
  WITNESS = "WITNESS",
  PATIENT = "PATIENT",
  ALLEGED_PERPETRATOR = "ALLEGED_PERPETRATOR",
  SUBJECT_OF_CONCERN = "SUBJECT_OF_CONCERN",
  PARENT_OR_CARER = "PARENT_OR_CARER",
  HOUSEHOLD_MEMBER = "HOUSEHOLD_MEMBER",
  OTHER = "OTHER",
}
registerEnumType(SubjectRole, {
  name: "SubjectRole",
  description: "The part a subject plays in a safeguarding event, common to every agency.",
});

/**
 * Coded facts about an event that safeguarding research ties to serious harm, in one vocabulary for
 * every agency, so that a strangulation disclosed at A&E and one answered yes on a police DASH are the
 * same marker (DOMAIN.md, Risk models: homicide markers). Agencies derive them from their own coded
 * data (a checklist answer, a presentation, a plan); a partner whose codes differ maps them in risk's
 * sources configuration instead.
 */
export enum SafeguardingMarker {
  INJURY = "INJURY",
  STRANGULATION = "STRANGULATION",
  THREATS_TO_KILL = "THREATS_TO_KILL",
  WEAPON = "WEAPON",
  STALKING = "STALKING",
  SEPARATION = "SEPARATION",
  PREGNANCY = "PREGNANCY",
  NEW_BABY = "NEW_BABY",
  SEXUAL_ABUSE = "SEXUAL_ABUSE",
  COERCIVE_CONTROL = "COERCIVE_CONTROL",
  ESCALATING_ABUSE = "ESCALATING_ABUSE",
  BREACH_OF_BAIL_OR_ORDER = "BREACH_OF_BAIL_OR_ORDER",
  HONOUR_BASED_ABUSE = "HONOUR_BASED_ABUSE",
  CHILDREN_IN_HOUSEHOLD = "CHILDREN_IN_HOUSEHOLD",
  CHILD_HARMED_OR_THREATENED = "CHILD_HARMED_OR_THREATENED",
  OVERDOSE = "OVERDOSE",
  SELF_HARM = "SELF_HARM",
  MENTAL_HEALTH_CRISIS = "MENTAL_HEALTH_CRISIS",
  DISCLOSURE_OF_ABUSE = "DISCLOSURE_OF_ABUSE",
  /** A probation or prison assessment (OASys) of high or very high risk of serious harm to a partner. */
  HIGH_RISK_OF_SERIOUS_HARM = "HIGH_RISK_OF_SERIOUS_HARM",
}
registerEnumType(SafeguardingMarker, {
  name: "SafeguardingMarker",
  description: "A coded fact about an event that research ties to serious harm, in one vocabulary for every agency (see docs/risk-model.md).",
});

const MARKER_ORDER: readonly SafeguardingMarker[] = Object.values(SafeguardingMarker);

/** Each marker once, in the vocabulary's order, so the same facts always read (and are stored) the same. */
export function orderedMarkers(markers: Iterable<string>): SafeguardingMarker[] {
  const found = new Set(markers);
  return MARKER_ORDER.filter((marker) => found.has(marker));
}

/** How two people in an event are related, as the recording agency knows it. */
export enum Relationship {
  CURRENT_PARTNER = "CURRENT_PARTNER",
  EX_PARTNER = "EX_PARTNER",
  FAMILY_MEMBER = "FAMILY_MEMBER",
  OTHER = "OTHER",
}
registerEnumType(Relationship, {
  name: "Relationship",
  description: "How two people in an event are related: current or former intimate partner, family member (Domestic Abuse Act 2021 s2: personally connected), or other.",
});

/** Government Security Classifications handling marking of an event. */
export enum Classification {
  OFFICIAL = "OFFICIAL",
  OFFICIAL_SENSITIVE = "OFFICIAL_SENSITIVE",
}
registerEnumType(Classification, {
  name: "Classification",
  description: "Government Security Classification of the record: OFFICIAL, or OFFICIAL with the SENSITIVE handling caveat.",
});

/**
 * Another person's record in an agency: a stub that identity resolves to a `Subject`, so the graph
 * can be walked from a victim to a suspect to the suspect's other events. Agencies cannot resolve it.
 */
@Directive('@key(fields: "agency localId", resolvable: false)')
@ObjectType("PersonRef")
export class PersonRef {
  @Field({ description: "Agency holding the record: police, health, social-care, or a partner's code." })
  agency: string;

  @Field({ description: "The record's id in that agency." })
  localId: string;
}

@ObjectType("Counterpart", { description: "Another person in the same event, and the part they played." })
export class Counterpart {
  @Directive("@shareable")
  @Field(() => SubjectRole)
  role: SubjectRole;

  @Directive("@shareable")
  @Field(() => PersonRef)
  person: PersonRef;

  @Directive("@shareable")
  @Field(() => Relationship, { nullable: true, description: "How they are related to the subject, when the agency recorded it." })
  relationship?: Relationship | null;
}

/** The common shape of every agency's events: what risk and chronologies are computed from. */
@InterfaceType("SafeguardingEvent", {
  description: "Something an agency recorded about a subject. Every agency's events implement it.",
})
export abstract class SafeguardingEvent {
  @Field(() => ID, { description: "The event's id in its agency." })
  id: string;

  @Field({ description: "Agency that recorded it: police, health, social-care, or a partner's code." })
  agency: string;

  @Field({ description: "The force, NHS trust or council that recorded it." })
  area: string;

  @Field(() => Date, { description: "When it happened (for a plan or enquiry: when it started)." })
  occurredAt: Date;

  @Field({ description: "What kind of event, from the agency's list of kinds (see each agency's events field)." })
  kind: string;

  @Field(() => SubjectRole, { description: "The subject's part in it." })
  role: SubjectRole;

  @Field(() => [Counterpart], {
    nullable: true,
    description: "The other people involved, as records identity can resolve; null where the agency's policy withholds who else was involved (for health, whom a patient named).",
  })
  counterparts: Counterpart[];

  @Field(() => Classification)
  classification: Classification;

  @Field({ description: "The subject's own record in the agency through which they are in this event (its localId in identity's records)." })
  recordId: string;

  @Field(() => [SafeguardingMarker], { description: "Coded facts about the event that research ties to serious harm (empty when none is recorded)." })
  markers: SafeguardingMarker[];
}
