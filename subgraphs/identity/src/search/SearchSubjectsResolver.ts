import type { ServiceContext } from "@tessera/kit";
import { Args, Ctx, Query, Resolver } from "type-graphql";
import { loadSubjects } from "../subjects/loadSubject";
import type { Subject } from "../subjects/Subject";
import { findSubjectIds } from "./findSubjectIds";
import { parseSearchCriteria } from "./parseSearchCriteria";
import { SearchSubjectsArgs } from "./SearchSubjectsArgs";
import { encodeSubjectCursor } from "./subjectCursor";
import { SubjectConnection } from "./SubjectConnection";

@Resolver()
export class SearchSubjectsResolver {
  @Query(() => SubjectConnection, {
    nullable: true,
    description: "Subjects with a record matching every criterion given (at least one), a page at a time in subject id order.",
  })
  async searchSubjects(@Args() args: SearchSubjectsArgs, @Ctx() context: ServiceContext): Promise<SubjectConnection> {
    const criteria = parseSearchCriteria(args);
    const page = await findSubjectIds(context.db, criteria);
    const ids = page.ids.slice(0, criteria.first);
    const subjects = await loadSubjects(context, ids);
    const lastId = ids[ids.length - 1];
    return {
      // A subject merged away between the two statements is left out rather than shown empty.
      nodes: subjects.filter((subject): subject is Subject => subject !== null),
      pageInfo: { hasNextPage: page.ids.length > criteria.first, endCursor: lastId ? encodeSubjectCursor(lastId) : null },
      totalCount: page.totalCount,
    };
  }
}
