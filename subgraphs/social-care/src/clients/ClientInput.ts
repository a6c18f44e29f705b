import { CarePersonRecordInputFields } from "@tessera/kit";
import { Field, InputType } from "type-graphql";

@InputType("ClientInput", { description: "A client to record, or to correct when the id is already known." })
export class ClientInput extends CarePersonRecordInputFields {
  @Field({ description: "The council's code: 2 to 10 capital letters and digits, e.g. NMB. A record stays with its council: an id another council already holds is refused." })
  council: string;
}
