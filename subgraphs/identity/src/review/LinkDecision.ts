import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { AgencyRecordKey } from "../subjects/AgencyRecordKey";
import { Subject } from "../subjects/Subject";

export enum LinkDecisionKind {
  CONFIRM_PAIR = "CONFIRM_PAIR",
  REJECT_PAIR = "REJECT_PAIR",
  SPLIT_RECORD = "SPLIT_RECORD",
  MERGE_SUBJECTS = "MERGE_SUBJECTS",
}

registerEnumType(LinkDecisionKind, {
  name: "LinkDecisionKind",
  description: "What a reviewer decided about who is who.",
  valuesConfig: {
    CONFIRM_PAIR: { description: "Two records are one person: they stay in one subject whatever the model scores." },
    REJECT_PAIR: { description: "Two records are two people: they are never in one subject." },
    SPLIT_RECORD: { description: "A record is not the person of the subject it was in: it never rejoins that subject's other records." },
    MERGE_SUBJECTS: { description: "Two subjects are one person: all their records stay together." },
  },
});

@InputType("AgencyRecordKeyInput", { description: "An agency person record, by the agency's own reference." })
export class AgencyRecordKeyInput {
  @Field()
  agency: string;

  @Field()
  localId: string;
}

@ObjectType("LinkDecision", {
  description:
    "A reviewer's decision about identity: who, when, why, and the records it names. It overrides the linkage model from then on, survives every re-link, " +
    "and is undone by revoking it (never deleted). Decisions are also the labelled pairs the linkage accuracy benchmark can score against.",
})
export class LinkDecision {
  @Field(() => ID)
  id: string;

  @Field(() => LinkDecisionKind)
  kind: LinkDecisionKind;

  @Field(() => [AgencyRecordKey], { description: "The records named: the pair, the record split out, or every record of the merged subjects." })
  records: AgencyRecordKey[];

  @Field({ description: "Who decided." })
  decidedBy: string;

  @Field(() => Date)
  decidedAt: Date;

  @Field({ description: "Why, in the reviewer's words." })
  reason: string;

  @Field(() => String, { nullable: true })
  revokedBy: string | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field(() => String, { nullable: true })
  revokeReason: string | null;
}

@ObjectType("LinkDecisionOutcome", { description: "A decision and the subjects its records are in once it has been applied." })
export class LinkDecisionOutcome {
  @Field(() => LinkDecision)
  decision: LinkDecision;

  @Field(() => [Subject], { description: "The subjects holding the decision's records now." })
  subjects: Subject[];
}

@ObjectType("LinkDecisionPage", { description: "One page of decisions, newest first." })
export class LinkDecisionPage {
  @Field(() => [LinkDecision])
  decisions: LinkDecision[];

  @Field({ description: "Pass the last decision's id as `before` for the next page." })
  hasNextPage: boolean;
}
