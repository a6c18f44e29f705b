import { Field, Float, ObjectType, registerEnumType } from "type-graphql";
import { LinkEvidence } from "./LinkEvidence";
import { RecordLinkBasis } from "./recordLinkBasis";

registerEnumType(RecordLinkBasis, {
  name: "RecordLinkBasis",
  description: "What a record's own link to its subject rests on: a summary of its evidence, for weighing how far to rely on the record.",
  valuesConfig: {
    SOLE_RECORD: { description: "The subject's only record: nothing links it." },
    STRONG_IDENTIFIER: { description: "The linkage model's link, on an NHS number or PNC ID that agrees between the two records." },
    REVIEWER: { description: "A reviewer's decision, where the model alone would not have linked it." },
    NAME_AND_DATE_OF_BIRTH: {
      description: "The linkage model's link without an agreeing NHS number or PNC ID: names, date of birth and weaker details (postcode, email, telephone). Also a link not yet scored by the model.",
    },
  },
});

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

  @Field(() => RecordLinkBasis, { description: "What this record's own link rests on (not the links of the record it is linked to)." })
  linkedBy: RecordLinkBasis;

  @Field(() => Float, { nullable: true, description: "The model's probability that this record and the one it is linked to are one person; null for SOLE_RECORD and REVIEWER, and for a link not yet scored." })
  linkProbability: number | null;

  @Field({
    description:
      "The record it is linked to is of another place: an area that identity's configuration (places) does not group with this record's, e.g. a force she left. False for a subject's only record.",
  })
  linkedAcrossAreas: boolean;

  @Field(() => LinkEvidence, { nullable: true, description: "Why the record is in this subject (detail: null when the access policy withholds it)." })
  evidence: LinkEvidence;
}
