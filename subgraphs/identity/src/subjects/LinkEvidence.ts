import { Field, ObjectType, registerEnumType } from "type-graphql";
import { LinkRule } from "../linkage/LinkRule";
import { AgencyRecordKey } from "./AgencyRecordKey";

registerEnumType(LinkRule, {
  name: "LinkRule",
  description: "The rule that linked a record to its subject.",
  valuesConfig: {
    FIRST_RECORD: { description: "The subject's first record: nothing earlier matched it." },
    NHS_NUMBER: { description: "The same NHS number as the matched record." },
    PNC_ID: { description: "The same PNC ID as the matched record." },
    NAME_AND_DATE_OF_BIRTH: { description: "The same normalised full name and date of birth as the matched record, with no NHS number or PNC ID disagreeing." },
  },
});

@ObjectType("LinkEvidence", { description: "Why a record belongs to its subject, so a practitioner can check the link." })
export class LinkEvidence {
  @Field(() => LinkRule)
  rule: LinkRule;

  @Field(() => AgencyRecordKey, { nullable: true, description: "The record it was linked to; null for the subject's first record." })
  matchedRecord: AgencyRecordKey | null;

  @Field(() => Date, { description: "When the link was last made or changed." })
  linkedAt: Date;

  @Field({ description: 'The link in plain English, e.g. "Same NHS number as health/NVH-P-1".' })
  explanation: string;
}
