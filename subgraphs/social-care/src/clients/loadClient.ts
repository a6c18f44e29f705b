import type { ServiceContext } from "@tessera/kit";
import { In } from "typeorm";
import { ClientEntity } from "./ClientEntity";

/** Every client looked up in one request — episodes', involvements', household members' — in one statement. */
export function loadClient(context: ServiceContext, id: string): Promise<ClientEntity | null> {
  const loader = context.loaders.get<string, ClientEntity | null>("client", async (ids) => {
    const clients = await context.db.getRepository(ClientEntity).findBy({ id: In([...ids]) });
    const byId = new Map(clients.map((client) => [client.id, client]));
    return ids.map((clientId) => byId.get(clientId) ?? null);
  });
  return loader.load(id);
}
