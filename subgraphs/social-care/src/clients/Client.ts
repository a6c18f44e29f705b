import { CarePersonRecordFields } from "@tessera/kit";
import { Field, ObjectType } from "type-graphql";

@ObjectType("Client", { description: "A council's social care record of a person, child or adult, under the council's own id." })
export class Client extends CarePersonRecordFields {
  @Field({ description: "The council holding the record." })
  council: string;
}
