import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../search/SubjectConnection";
import { AgencyRecordKey } from "../subjects/AgencyRecordKey";
import { ComparisonContribution } from "../subjects/LinkEvidence";

@ObjectType("LinkReviewCandidate", {
  description: "A pair of records the model cannot settle: plausible but below the match threshold, or matching but kept in different subjects by clustering.",
})
export class LinkReviewCandidate {
  @Field(() => ID, { description: "The pair, for reference." })
  id: string;

  @Field(() => AgencyRecordKey)
  left: AgencyRecordKey;

  @Field(() => AgencyRecordKey)
  right: AgencyRecordKey;

  @Field(() => ID, { description: "The subject holding the left record now." })
  leftSubjectId: string;

  @Field(() => ID, { description: "The subject holding the right record now." })
  rightSubjectId: string;

  @Field(() => Float)
  matchWeight: number;

  @Field(() => Float)
  matchProbability: number;

  @Field(() => [ComparisonContribution], { description: "The waterfall: the prior, then each comparison's level and contribution." })
  comparisons: ComparisonContribution[];

  @Field(() => Int, { nullable: true, description: "The estimated model version that scored the pair; null for the declared starting parameters." })
  modelVersion: number | null;

  @Field(() => Date, { description: "When the pair was last scored into the queue." })
  queuedAt: Date;
}

@ObjectType("LinkReviewConnection", { description: "One page of the review queue, the most probable matches first." })
export class LinkReviewConnection {
  @Field(() => [LinkReviewCandidate])
  nodes: LinkReviewCandidate[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: "Pairs waiting in the queue, on every page." })
  totalCount: number;
}
