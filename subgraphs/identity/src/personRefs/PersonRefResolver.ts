import type { ServiceContext } from "@tessera/kit";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Subject } from "../subjects/Subject";
import { loadSubjectOfRecord } from "./loadSubjectOfRecord";
import { PersonRef } from "./PersonRef";

@Resolver(() => PersonRef)
export class PersonRefResolver {
  @FieldResolver(() => Subject, { nullable: true, description: "The subject the record is linked to; null if identity does not know the record." })
  subject(@Root() ref: PersonRef, @Ctx() context: ServiceContext): Promise<Subject | null> {
    return loadSubjectOfRecord(context, { agency: ref.agency, localId: ref.localId });
  }
}

/** `_entities` for `PersonRef`: the key is all it is; `subject` is resolved on demand. */
export function resolvePersonRefReference(reference: Record<string, unknown>): PersonRef | null {
  const { agency, localId } = reference;
  return typeof agency === "string" && typeof localId === "string" ? { agency, localId } : null;
}
