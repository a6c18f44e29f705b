import { badUserInput, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { decide, listDecisions, revokeDecision } from "./decisions";
import { AgencyRecordKeyInput, LinkDecisionKind, LinkDecisionOutcome, LinkDecisionPage } from "./LinkDecision";
import { LinkReviewConnection } from "./LinkReviewCandidate";
import { linkReviewQueue } from "./linkReviewQueue";

/** Pages are small: a reviewer looks at each pair. */
const MAX_PAGE = 100;

/** The professional's side of identity: the queue of doubtful pairs, and the decisions that settle them. */
@Resolver()
export class ReviewResolver {
  @Query(() => LinkReviewConnection, { nullable: true, description: "Record pairs waiting for a professional's decision, the most probable matches first." })
  linkReviewQueue(
    @Ctx() context: ServiceContext,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page." }) after?: string,
  ): Promise<LinkReviewConnection> {
    return linkReviewQueue(context, pageSize(first), after ?? undefined);
  }

  @Query(() => LinkDecisionPage, { nullable: true, description: "Reviewers' decisions, newest first, revoked ones included." })
  async linkDecisions(
    @Ctx() context: ServiceContext,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("before", () => ID, { nullable: true, description: "The id of the last decision of the previous page." }) before?: string,
  ): Promise<LinkDecisionPage> {
    if (before !== undefined && before !== null && !/^\d{1,18}$/.test(before)) throw badUserInput("before", "must be a link decision id");
    return listDecisions(context, pageSize(first), before ?? undefined);
  }

  @Mutation(() => LinkDecisionOutcome, { description: "Two records are one person: keep them in one subject whatever the model scores." })
  confirmLink(
    @Ctx() context: ServiceContext,
    @Arg("left", () => AgencyRecordKeyInput) left: AgencyRecordKeyInput,
    @Arg("right", () => AgencyRecordKeyInput) right: AgencyRecordKeyInput,
    @Arg("reason") reason: string,
  ): Promise<LinkDecisionOutcome> {
    return decide(context, { kind: LinkDecisionKind.CONFIRM_PAIR, left: { ...left }, right: { ...right }, reason });
  }

  @Mutation(() => LinkDecisionOutcome, { description: "Two records are two people: never put them in one subject." })
  rejectLink(
    @Ctx() context: ServiceContext,
    @Arg("left", () => AgencyRecordKeyInput) left: AgencyRecordKeyInput,
    @Arg("right", () => AgencyRecordKeyInput) right: AgencyRecordKeyInput,
    @Arg("reason") reason: string,
  ): Promise<LinkDecisionOutcome> {
    return decide(context, { kind: LinkDecisionKind.REJECT_PAIR, left: { ...left }, right: { ...right }, reason });
  }

  @Mutation(() => LinkDecisionOutcome, { description: "Take a record out of its subject: it never rejoins that subject's other records." })
  splitRecord(@Ctx() context: ServiceContext, @Arg("record", () => AgencyRecordKeyInput) record: AgencyRecordKeyInput, @Arg("reason") reason: string): Promise<LinkDecisionOutcome> {
    return decide(context, { kind: LinkDecisionKind.SPLIT_RECORD, record: { ...record }, reason });
  }

  @Mutation(() => LinkDecisionOutcome, { description: "Two subjects are one person: all their records stay together." })
  mergeSubjects(
    @Ctx() context: ServiceContext,
    @Arg("subjectId", () => ID) subjectId: string,
    @Arg("otherSubjectId", () => ID) otherSubjectId: string,
    @Arg("reason") reason: string,
  ): Promise<LinkDecisionOutcome> {
    return decide(context, { kind: LinkDecisionKind.MERGE_SUBJECTS, subjectIds: [subjectId, otherSubjectId], reason });
  }

  @Mutation(() => LinkDecisionOutcome, { description: "Undo a decision: its records are linked by the model (and any other decision) again. The decision is kept, marked revoked." })
  revokeLinkDecision(@Ctx() context: ServiceContext, @Arg("id", () => ID) id: string, @Arg("reason") reason: string): Promise<LinkDecisionOutcome> {
    return revokeDecision(context, id, reason);
  }
}

function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badUserInput("first", `must be between 1 and ${MAX_PAGE}`);
  return first;
}
