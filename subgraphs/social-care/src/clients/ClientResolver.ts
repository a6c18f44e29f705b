import { withMintedId, writeRecord, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { HouseholdMember } from "../households/HouseholdMember";
import { loadHousehold } from "../households/loadHousehold";
import { recordTypes, type ClientRow } from "../records";
import { Client } from "./Client";
import { ClientInput } from "./ClientInput";
import { loadClient } from "./loadClient";

@Resolver(() => Client)
export class ClientResolver {
  @Query(() => Client, { nullable: true, description: "A social care client by the council's id." })
  client(@Arg("id", () => ID) id: string, @Ctx() context: ServiceContext): Promise<Client | null> {
    return loadClient(context, id);
  }

  @Mutation(() => Client, { description: "Records a client (or corrects one, by id) and registers them with identity." })
  recordClient(@Arg("input", () => ClientInput) input: ClientInput, @Ctx() context: ServiceContext): Promise<Client> {
    return writeRecord<ClientRow>(context, recordTypes, "client", withMintedId(input));
  }

  @FieldResolver(() => [HouseholdMember], {
    nullable: true,
    description: "The household links this client is part of, on either side, as recorded: read each as client is relationship of member. Restricted: null when the access policy withholds it.",
  })
  household(@Root() client: Client, @Ctx() context: ServiceContext): Promise<HouseholdMember[]> {
    return loadHousehold(context, client.id);
  }
}
