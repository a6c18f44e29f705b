import type { ServiceContext } from "@tessera/kit";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { loadSubject } from "./loadSubject";
import { Subject } from "./Subject";
import { SubjectConfidence } from "./SubjectConfidence";
import { loadSubjectConfidence } from "./loadSubjectConfidence";

@Resolver(() => Subject)
export class SubjectResolver {
  @Query(() => Subject, { nullable: true, description: "A subject by id; null when no subject has that id." })
  subject(@Arg("id", () => ID) id: string, @Ctx() context: ServiceContext): Promise<Subject | null> {
    return loadSubject(context, id);
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
