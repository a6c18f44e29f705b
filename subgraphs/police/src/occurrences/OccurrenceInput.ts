import { SafeguardingMarker } from "@tessera/kit";
import { Field, ID, InputType } from "type-graphql";
import { OccurrenceCategory } from "./OccurrenceCategory";

@InputType("OccurrenceLocationInput")
export class OccurrenceLocationInput {
  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => String, { nullable: true, description: "A UK postcode, any case and spacing." })
  postcode?: string;
}

@InputType("OccurrenceInput", { description: "An occurrence; saved over the occurrence of the same force with the same id." })
export class OccurrenceInput {
  @Field(() => ID, { nullable: true, description: "The force's reference; a UUID is assigned when omitted." })
  id?: string;

  @Field({ description: "The force's code: 2 to 10 capital letters and digits, e.g. NMC. A record stays with its force: an id another force already holds is refused." })
  force: string;

  @Field(() => OccurrenceCategory)
  category: OccurrenceCategory;

  @Field(() => Boolean, { nullable: true, description: "Default false." })
  domesticAbuse?: boolean;

  @Field(() => Date, { description: "Not in the future." })
  occurredAt: Date;

  @Field(() => Date, { nullable: true, description: "Not before occurredAt." })
  reportedAt?: Date;

  @Field(() => OccurrenceLocationInput, { nullable: true })
  location?: OccurrenceLocationInput;

  @Field(() => String, { nullable: true })
  summary?: string;

  @Field(() => [SafeguardingMarker], { nullable: true, description: "Qualifiers the officer recorded, e.g. STRANGULATION, WEAPON, HONOUR_BASED_ABUSE. Default none." })
  markers?: SafeguardingMarker[];
}
