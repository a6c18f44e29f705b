import type { ServiceContext } from "@tessera/kit";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { loadSubject, loadSubjects } from "./loadSubject";
import { Subject } from "./Subject";
import { SubjectConfidence } from "./SubjectConfidence";
import { loadSubjectConfidence } from "./loadSubjectConfidence";
import { checkSubjectIds, MAX_SUBJECT_IDS } from "./subjectId";

@Resolver(() => Subject)
export class SubjectResolver {
  @Query(() => Subject, { nullable: true, description: "A subject by id; null when no subject has that id." })
  subject(@Arg("id", () => ID) id: string, @Ctx() context: ServiceContext): Promise<Subject | null> {
    return loadSubject(context, id);
  }

  @Query(() => [Subject], {
    // Nullable as a whole too: the access policy can deny any root field.
    nullable: "itemsAndList",
    description:
      `A caseload: these subjects, in the order given; null where an id names no subject (or a merged-away one). At most ${MAX_SUBJECT_IDS} ids; ` +
      "each must be a subject id. Unlike aliases of `subject`, one list costs every subgraph one fetch for all its subjects.",
  })
  subjects(@Arg("ids", () => [ID]) ids: string[], @Ctx() context: ServiceContext): Promise<(Subject | null)[]> {
    checkSubjectIds(ids);
    return loadSubjects(context, ids);
  }

  @FieldResolver(() => SubjectConfidence, { description: "How confident identity's clustering of this subject is: its weakest link, its support, pending reviews." })
  linkConfidence(@Root() subject: Subject, @Ctx() context: ServiceContext): Promise<SubjectConfidence> {
    return loadSubjectConfidence(context, subject);
  }
}

/** `_entities` for `Subject`: agencies and risk hand identity a subject id to resolve. */
export function resolveSubjectReference(reference: Record<string, unknown>, context: ServiceContext): Promise<Subject | null> {
  return typeof reference.id === "string" ? loadSubject(context, reference.id) : Promise.resolve(null);
}
