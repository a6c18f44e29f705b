import { Field, ID, InputType } from "type-graphql";
import { EncounterSetting } from "./EncounterSetting";

/** Validated by the `encounter` record type, exactly as an NDJSON `encounter` line is. */
@InputType("EncounterInput")
export class EncounterInput {
  @Field(() => ID, { nullable: true, description: "The trust's own reference; a UUID is assigned when left out." })
  id?: string;

  @Field(() => ID)
  patientId: string;

  @Field({ description: "The NHS trust's code: 2 to 10 capital letters and digits, e.g. RX1. A record stays with its trust: an id another trust already holds is refused." })
  trust: string;

  @Field(() => EncounterSetting)
  setting: EncounterSetting;

  @Field(() => Date, { description: "Not in the future." })
  occurredAt: Date;

  @Field(() => String, { nullable: true })
  presentingComplaint?: string;

  @Field(() => Boolean, { nullable: true, description: "Default false." })
  injury?: boolean;

  @Field(() => String, { nullable: true })
  injuryDescription?: string;

  @Field(() => Boolean, { nullable: true, description: "Default false." })
  disclosedAbuse?: boolean;

  @Field(() => String, { nullable: true })
  allegedPerpetratorName?: string;

  @Field(() => ID, { nullable: true, description: "Another patient's id, not the patient's own." })
  allegedPerpetratorPatientId?: string;
}
