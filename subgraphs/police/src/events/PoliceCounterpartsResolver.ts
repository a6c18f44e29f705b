import { ownRecordIds, PersonRef, REQUIRES_RECORDS, SubjectRole, type AgencySubjectRepresentation, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { POLICE_AGENCY } from "../agency";
import { loadCounterpartsOf, type SharedInvolvement } from "../involvements/loadCounterpartsOf";
import { SUBJECT_ROLE_OF } from "../involvements/subjectRoleOf";
import { policeSubject } from "./policeSubject";

/**
 * `Subject.policeCounterparts`: the people a subject shares occurrences with, each once. The same
 * people appear under every shared event's `counterparts`; walking on from there (to a suspect's
 * own events, say) would fetch one suspect once per shared occurrence — 240 times for a victim with
 * 240 incidents with one partner — where from here it is once.
 */
@Resolver(() => policeSubject.subjectType)
export class PoliceCounterpartsResolver {
  @Directive(REQUIRES_RECORDS)
  @FieldResolver(() => [PersonRef], {
    nullable: true,
    description: "Everyone who shares an occurrence with the subject's nominals, once each; with `roles`, only those recorded in one of them in at least one shared occurrence.",
  })
  async policeCounterparts(
    @Root() subject: AgencySubjectRepresentation,
    @Arg("roles", () => [SubjectRole], { nullable: true }) roles: SubjectRole[] | undefined,
    @Ctx() context: ServiceContext,
  ): Promise<PersonRef[]> {
    const own = ownRecordIds(subject, POLICE_AGENCY);
    if (own.length === 0) return [];
    const loader = context.loaders.get<string, SharedInvolvement[]>("police:counterpartsOf", (ids) => loadCounterpartsOf(context, ids));
    const wanted = roles?.length ? new Set(roles) : undefined;
    const people = new Set<string>();
    for (const shared of await loader.loadMany(own)) {
      if (shared instanceof Error) throw shared;
      for (const { occurrenceId, nominalId, role } of shared) {
        if (own.includes(nominalId) || (wanted && !wanted.has(SUBJECT_ROLE_OF[role]))) continue;
        people.add(nominalId);
        // Who was in an occurrence with the subject is read from the occurrence: the log names it,
        // as it would had the caller read the occurrence's counterparts.
        context.access?.noteRecord("Occurrence", occurrenceId);
      }
    }
    return [...people].sort().map((localId) => ({ agency: POLICE_AGENCY, localId }));
  }
}
