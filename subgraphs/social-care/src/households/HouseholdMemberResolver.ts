import { writeRecord, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { Client } from "../clients/Client";
import { loadClient } from "../clients/loadClient";
import { recordTypes, type HouseholdMemberRow } from "../records";
import { HouseholdMember } from "./HouseholdMember";
import { HouseholdMemberInput } from "./HouseholdMemberInput";

@Resolver(() => HouseholdMember)
export class HouseholdMemberResolver {
  @Mutation(() => HouseholdMember, { description: "Records that two clients share a household, and how they are related." })
  recordHouseholdMember(@Arg("input", () => HouseholdMemberInput) input: HouseholdMemberInput, @Ctx() context: ServiceContext): Promise<HouseholdMember> {
    return writeRecord<HouseholdMemberRow>(context, recordTypes, "householdMember", input);
  }

  @FieldResolver(() => Client)
  client(@Root() link: HouseholdMember, @Ctx() context: ServiceContext): Promise<Client | null> {
    return loadClient(context, link.clientId);
  }

  @FieldResolver(() => Client)
  member(@Root() link: HouseholdMember, @Ctx() context: ServiceContext): Promise<Client | null> {
    return loadClient(context, link.memberClientId);
  }
}
