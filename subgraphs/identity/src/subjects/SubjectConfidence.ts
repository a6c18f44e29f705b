import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";

export enum ConfidenceLevel {
  SINGLE_RECORD = "SINGLE_RECORD",
  HIGH = "HIGH",
  MEDIUM = "MEDIUM",
  LOW = "LOW",
}

registerEnumType(ConfidenceLevel, {
  name: "ConfidenceLevel",
  description: "How sure identity is that a subject's records are one person.",
  valuesConfig: {
    SINGLE_RECORD: { description: "One record: nothing to be unsure about." },
    HIGH: { description: "Every record linked at or above the match threshold (or by a reviewer), most of its record pairs plausible, nothing awaiting review." },
    MEDIUM: { description: "Every record linked at or above the match threshold (or by a reviewer), but held together by few of its pairs, or with pairs awaiting review." },
    LOW: { description: "A record is linked below the match threshold, or by a link not yet scored by the model: check before relying on it." },
  },
});

@ObjectType("SubjectConfidence", { description: "How confident identity's clustering of this subject is, and why." })
export class SubjectConfidence {
  @Field(() => ConfidenceLevel)
  level: ConfidenceLevel;

  @Field(() => Float, { nullable: true, description: "The lowest match probability among its records' links (a reviewer's link counts as 1); null for one record." })
  weakestLinkProbability: number | null;

  @Field(() => Float, { description: "The share of its record pairs the model finds plausible (at or above the review threshold) or a reviewer confirmed; 1 for one record." })
  support: number;

  @Field(() => Int, { description: "Pairs involving its records waiting in the link review queue." })
  pendingReviews: number;

  @Field({ description: "The level in words." })
  explanation: string;
}
