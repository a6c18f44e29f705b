import { Field, ObjectType } from "type-graphql";
import { LinkEvidence } from "./LinkEvidence";

/**
 * One agency record of a subject. Agencies declare `agency` and `localId` as external fields and
 * require them to find their own records, so they stay plain strings here.
 */
@ObjectType("AgencyRecordLink", { description: "An agency record linked to a subject, and the evidence for the link." })
export class AgencyRecordLink {
  @Field({ description: "Agency holding the record: police, health, social-care, or a partner's code." })
  agency: string;

  @Field({ description: "The record's id in that agency." })
  localId: string;

  @Field({ description: "The force, NHS trust or council holding it." })
  area: string;

  @Field(() => LinkEvidence, { nullable: true, description: "Why the record is in this subject (detail: null when the access policy withholds it)." })
  evidence: LinkEvidence;
}
