import { SafeguardingEvent } from "@tessera/kit";
import { Field, Int, ObjectType } from "type-graphql";
import { SafeguardingConcernCategory } from "../concerns/SafeguardingConcernCategory";
import { EncounterSetting } from "../encounters/EncounterSetting";

/**
 * An encounter or a safeguarding concern in a subject's health history. The detail fields of the
 * other kind are null (or false), so one list can hold both in date order.
 */
@ObjectType("HealthEvent", { implements: SafeguardingEvent, description: "An encounter or a safeguarding concern recorded by an NHS trust." })
export class HealthEvent extends SafeguardingEvent {
  @Field(() => EncounterSetting, { nullable: true, description: "Where the patient was seen; null for a safeguarding concern." })
  setting: EncounterSetting | null;

  @Field(() => String, { nullable: true })
  presentingComplaint: string | null;

  @Field({ description: "An injury was recorded at the encounter; false for a safeguarding concern." })
  injury: boolean;

  @Field(() => String, { nullable: true })
  injuryDescription: string | null;

  @Field({ description: "The patient disclosed abuse at the encounter; false for a safeguarding concern." })
  disclosedAbuse: boolean;

  @Field(() => String, { nullable: true, description: "The alleged perpetrator's name as the patient gave it (an encounter only)." })
  allegedPerpetratorName: string | null;

  @Field(() => SafeguardingConcernCategory, { nullable: true, description: "What a safeguarding concern is about; null for an encounter." })
  concernCategory: SafeguardingConcernCategory | null;

  @Field(() => String, { nullable: true, description: "A safeguarding concern's summary; null for an encounter." })
  summary: string | null;

  @Field(() => Int, { nullable: true, description: "Weeks of pregnancy recorded at the encounter; null for a safeguarding concern." })
  gestationWeeks: number | null;
}
