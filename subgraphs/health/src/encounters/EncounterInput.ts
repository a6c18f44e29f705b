import { Field, ID, InputType, Int } from "type-graphql";
import { EncounterSetting } from "./EncounterSetting";
import { HealthSignal } from "./HealthSignal";
import { PREGNANCY_CONFIG } from "./pregnancyConfig";

const { gestationWeeks, pregnancyAges } = PREGNANCY_CONFIG;

/** Validated by the `encounter` record type, exactly as an NDJSON `encounter` line is. */
@InputType("EncounterInput", {
  description: `A pregnancy or a birth claimed (PREGNANT, POSTNATAL, gestationWeeks) is refused for a patient recorded as MALE, or aged under ${pregnancyAges.youngest} or over ${pregnancyAges.oldest} at the encounter.`,
})
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

  @Field(() => [HealthSignal], { nullable: true, description: "What was coded at the encounter; default none." })
  signals?: HealthSignal[];

  @Field(() => Int, { nullable: true, description: `Weeks of pregnancy, ${gestationWeeks.min} to ${gestationWeeks.max}; implies PREGNANT.` })
  gestationWeeks?: number;
}
