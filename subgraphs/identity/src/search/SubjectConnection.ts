import { Field, Int, ObjectType } from "type-graphql";
import { Subject } from "../subjects/Subject";

@ObjectType("PageInfo")
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: "Pass as `after` for the next page; null when the page is empty." })
  endCursor: string | null;
}

@ObjectType("SubjectConnection", { description: "One page of subjects, in subject id order." })
export class SubjectConnection {
  @Field(() => [Subject])
  nodes: Subject[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: "How many subjects match, on every page." })
  totalCount: number;
}
