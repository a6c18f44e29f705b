import { Field, ID, Int, ObjectType } from "type-graphql";
import { EncounterSetting } from "./EncounterSetting";
import { HealthSignal } from "./HealthSignal";

@ObjectType("Encounter", { description: "A patient's attendance or consultation, reduced to what safeguarding needs." })
export class Encounter {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  patientId: string;

  @Field({ description: "The NHS trust where the patient was seen." })
  trust: string;

  @Field(() => EncounterSetting)
  setting: EncounterSetting;

  @Field(() => Date)
  occurredAt: Date;

  @Field(() => String, { nullable: true })
  presentingComplaint?: string | null;

  @Field()
  injury: boolean;

  @Field(() => String, { nullable: true })
  injuryDescription?: string | null;

  @Field({ description: "Whether the patient disclosed abuse during the encounter." })
  disclosedAbuse: boolean;

  @Field(() => String, { nullable: true, description: "The alleged perpetrator's name as the patient gave it." })
  allegedPerpetratorName?: string | null;

  @Field(() => ID, { nullable: true, description: "The alleged perpetrator's own patient record, when the trust knows it." })
  allegedPerpetratorPatientId?: string | null;

  @Field(() => [HealthSignal], { description: "What was coded at the encounter; PREGNANT whenever a gestation is recorded." })
  signals: HealthSignal[];

  @Field(() => Int, { nullable: true, description: "Weeks of pregnancy at the encounter." })
  gestationWeeks?: number | null;
}
