import { Field, ObjectType } from "type-graphql";

@ObjectType("AgencyRecordKey", { description: "An agency person record, by the agency's own reference." })
export class AgencyRecordKey {
  @Field({ description: "Agency holding the record: police, health, social-care, or a partner's code." })
  agency: string;

  @Field({ description: "The record's id in that agency." })
  localId: string;
}
