import { ArgsType, Field, Int } from "type-graphql";

export const DEFAULT_SEARCH_PAGE = 20;
export const MAX_SEARCH_PAGE = 100;

@ArgsType()
export class SearchSubjectsArgs {
  @Field(() => String, { nullable: true, description: "Every word must appear in the name of one record (case, accents and punctuation ignored)." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD." })
  dateOfBirth?: string | null;

  @Field(() => String, { nullable: true, description: "10 digits, spaces allowed." })
  nhsNumber?: string | null;

  @Field(() => String, { nullable: true, description: "YYYY/NNNNNNNC or YY/NNNNNNNC." })
  pncId?: string | null;

  @Field(() => String, { nullable: true, description: "A UK postcode, any case and spacing." })
  postcode?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_SEARCH_PAGE, description: `Subjects per page, 1 to ${MAX_SEARCH_PAGE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." })
  after?: string | null;
}
