import { Sex } from "@tessera/kit";
import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("Client", { description: "A council's social care record of a person, child or adult, under the council's own id." })
export class Client {
  @Field(() => ID, { description: "The council's own child or adult id." })
  id: string;

  @Field({ description: "The council holding the record." })
  council: string;

  @Field(() => String, { nullable: true, description: "NHS number, 10 digits, when the council holds it." })
  nhsNumber?: string | null;

  @Field()
  givenNames: string;

  @Field()
  familyName: string;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD." })
  dateOfBirth?: string | null;

  @Field(() => Sex, { nullable: true })
  sex?: Sex | null;

  @Field(() => String, { nullable: true })
  postcode?: string | null;
}
