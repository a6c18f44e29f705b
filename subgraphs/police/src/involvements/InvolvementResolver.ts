import { writeRecord, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { recordTypes } from "../records";
import { Involvement } from "./Involvement";
import { InvolvementInput } from "./InvolvementInput";

@Resolver(() => Involvement)
export class InvolvementResolver {
  @Mutation(() => Involvement, { description: "Records a nominal's part in an occurrence; recording it again changes nothing." })
  recordInvolvement(@Arg("input", () => InvolvementInput) input: InvolvementInput, @Ctx() context: ServiceContext): Promise<Involvement> {
    return writeRecord<Involvement>(context, recordTypes, "involvement", input);
  }
}
