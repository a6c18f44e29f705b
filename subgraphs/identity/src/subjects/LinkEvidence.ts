import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { LinkRule } from "../linkage/LinkRule";
import { AgencyRecordKey } from "./AgencyRecordKey";

registerEnumType(LinkRule, {
  name: "LinkRule",
  description: "Why a record belongs to its subject.",
  valuesConfig: {
    SOLE_RECORD: { description: "The subject's only record: nothing else matched it." },
    MODEL: { description: "The linkage model's strongest link from this record to another record of the subject (see matchWeight and comparisons)." },
    REVIEWER: { description: "A reviewer confirmed it (a confirmed pair or merged subjects) where the model alone would not have linked it." },
  },
});

@ObjectType("ComparisonContribution", { description: "One bar of a link's waterfall: what a comparison found and how much it weighed." })
export class ComparisonContribution {
  @Field({ description: 'The comparison, e.g. "first_name", "dob", "nhs_number"; "prior" for the starting odds.' })
  comparison: string;

  @Field({ description: 'The level the pair reached, e.g. "nickname or short form", "day and month transposed".' })
  level: string;

  @Field(() => Float, { description: "log2 of the Bayes factor: positive is evidence for one person, negative against. The bits of all comparisons add up to the match weight." })
  bits: number;

  @Field(() => Float, { description: "How many times more likely this observation is if the records are one person than if they are two (2^bits)." })
  bayesFactor: number;
}

@ObjectType("LinkEvidence", { description: "Why a record belongs to its subject, so a practitioner can check the link." })
export class LinkEvidence {
  @Field(() => LinkRule)
  rule: LinkRule;

  @Field(() => AgencyRecordKey, { nullable: true, description: "The record it is linked to; null for a subject's only record." })
  matchedRecord: AgencyRecordKey | null;

  @Field(() => Float, { nullable: true, description: "log2 of the odds that the two records are one person (the prior plus every comparison). Null for a subject's only record." })
  matchWeight: number | null;

  @Field(() => Float, { nullable: true, description: "The model's probability that the two records are one person." })
  matchProbability: number | null;

  @Field(() => [ComparisonContribution], { description: "The waterfall: the prior, then each comparison's level and contribution. Empty for a subject's only record." })
  comparisons: ComparisonContribution[];

  @Field(() => Int, { nullable: true, description: "The estimated model version that scored the link; null when the declared starting parameters did." })
  modelVersion: number | null;

  @Field(() => ID, { nullable: true, description: "The reviewer's decision behind a REVIEWER link (see linkDecisions)." })
  decisionId: string | null;

  @Field(() => Date, { description: "When the link was last made or changed." })
  linkedAt: Date;

  @Field({ description: 'The link in plain English, e.g. "Linked to police/NMC-N-7 with probability 0.9994: first_name nickname or short form (+6.1 bits), …".' })
  explanation: string;
}
