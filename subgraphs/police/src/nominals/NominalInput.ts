import { PersonRecordInputFields } from "@tessera/kit";
import { Field, InputType } from "type-graphql";

@InputType("NominalAddressInput")
export class NominalAddressInput {
  @Field(() => String, { nullable: true })
  line1?: string;

  @Field({ description: "A UK postcode, any case and spacing." })
  postcode: string;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD." })
  from?: string;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD, not before from." })
  to?: string;
}

@InputType("NominalInput", { description: "A person record; saved over the nominal of the same force with the same id." })
export class NominalInput extends PersonRecordInputFields {
  @Field({ description: "The force's code: 2 to 10 capital letters and digits, e.g. NMC. A record stays with its force: an id another force already holds is refused." })
  force: string;

  @Field(() => String, { nullable: true, description: "PNC ID YYYY/NNNNNNNC (or YY/…) with a valid check letter." })
  pncId?: string;

  @Field(() => [NominalAddressInput], { nullable: true })
  addresses?: NominalAddressInput[];
}
