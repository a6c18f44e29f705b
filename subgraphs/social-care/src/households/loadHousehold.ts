import type { ServiceContext } from "@tessera/kit";
import { In } from "typeorm";
import { HouseholdMemberEntity } from "./HouseholdMemberEntity";

/**
 * The household links of every client asked for in one request, in one statement. A link counts
 * for both clients in it: the child a parent recorded is in the parent's household and the parent
 * in the child's, whichever record the council entered it on.
 */
export function loadHousehold(context: ServiceContext, clientId: string): Promise<HouseholdMemberEntity[]> {
  const loader = context.loaders.get<string, HouseholdMemberEntity[]>("household", async (ids) => {
    const links = await context.db.getRepository(HouseholdMemberEntity).find({
      where: [{ clientId: In([...ids]) }, { memberClientId: In([...ids]) }],
      order: { clientId: "ASC", memberClientId: "ASC" },
    });
    const byClient = new Map<string, HouseholdMemberEntity[]>();
    for (const link of links) {
      for (const id of [link.clientId, link.memberClientId]) byClient.set(id, [...(byClient.get(id) ?? []), link]);
    }
    return ids.map((id) => byClient.get(id) ?? []);
  });
  return loader.load(clientId);
}
