import { SafeguardingMarker } from "@tessera/kit";
import { Field, ID, ObjectType } from "type-graphql";
import { OccurrenceCategory } from "./OccurrenceCategory";

@ObjectType("OccurrenceLocation", { description: "Where an occurrence happened." })
export class OccurrenceLocation {
  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => String, { nullable: true })
  postcode?: string;
}

/** An occurrence as parsed, saved and returned by `recordOccurrence`. */
@ObjectType("Occurrence", { description: "Something a force recorded as happening: a crime or a non-crime incident (POLE: Event)." })
export class Occurrence {
  @Field(() => ID)
  id: string;

  @Field()
  force: string;

  @Field(() => OccurrenceCategory)
  category: OccurrenceCategory;

  @Field(() => Boolean, { description: "Flagged by the force as domestic abuse." })
  domesticAbuse: boolean;

  @Field(() => Date)
  occurredAt: Date;

  @Field(() => Date, { nullable: true })
  reportedAt?: Date;

  @Field(() => OccurrenceLocation, { nullable: true })
  location?: OccurrenceLocation;

  @Field(() => String, { nullable: true })
  summary?: string;

  @Field(() => [SafeguardingMarker], { description: "The markers the officer recorded as qualifiers of the occurrence, each once, in the vocabulary's order." })
  markers: SafeguardingMarker[];
}
