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
}
