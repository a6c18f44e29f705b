import { Sex } from "@tessera/kit";
import { Field, ID, InputType } from "type-graphql";

@InputType("ClientInput", { description: "A client to record, or to correct when the id is already known." })
export class ClientInput {
  @Field(() => ID, { nullable: true, description: "The council's own id; a UUID is assigned when it is left out." })
  id?: string;

  @Field({ description: "The council's code: 2 to 10 capital letters and digits, e.g. NMB. A record stays with its council: an id another council already holds is refused." })
  council: string;

  @Field(() => String, { nullable: true, description: "10 digits passing the modulus-11 check; spaces allowed." })
  nhsNumber?: string;

  @Field()
  givenNames: string;

  @Field()
  familyName: string;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD, not in the future." })
  dateOfBirth?: string;

  @Field(() => Sex, { nullable: true })
  sex?: Sex;

  @Field(() => String, { nullable: true, description: "A UK postcode, any case and spacing." })
  postcode?: string;
}
