import type { ServiceContext } from "@tessera/kit";
import { In } from "typeorm";
import type { Nominal } from "./Nominal";
import { NominalAddressEntity } from "./NominalAddressEntity";
import { NominalEntity } from "./NominalEntity";

/**
 * A nominal with its addresses in the order the force listed them, or null — batched with every
 * other nominal asked for in the same request: two statements (nominals, then their addresses)
 * however many are asked for.
 */
export function loadNominal(context: ServiceContext, id: string): Promise<Nominal | null> {
  return context.loaders
    .get<string, Nominal | null>("nominal", async (ids) => {
      const nominals = await context.db.getRepository(NominalEntity).findBy({ id: In([...ids]) });
      const addresses = nominals.length
        ? await context.db.getRepository(NominalAddressEntity).find({ where: { nominalId: In(nominals.map((nominal) => nominal.id)) }, order: { nominalId: "ASC", position: "ASC" } })
        : [];
      const addressesOf = new Map<string, NominalAddressEntity[]>();
      for (const address of addresses) {
        const held = addressesOf.get(address.nominalId);
        if (held) held.push(address);
        else addressesOf.set(address.nominalId, [address]);
      }
      const byId = new Map(nominals.map((nominal) => [nominal.id, toNominal(nominal, addressesOf.get(nominal.id) ?? [])]));
      return ids.map((wanted) => byId.get(wanted) ?? null);
    })
    .load(id);
}

function toNominal(nominal: NominalEntity, addresses: NominalAddressEntity[]): Nominal {
  return {
    id: nominal.id,
    force: nominal.force,
    givenNames: nominal.givenNames,
    familyName: nominal.familyName,
    dateOfBirth: nominal.dateOfBirth ?? undefined,
    sex: nominal.sex ?? undefined,
    pncId: nominal.pncId ?? undefined,
    addresses: addresses.map((address) => ({
      line1: address.line1 ?? undefined,
      postcode: address.postcode,
      from: address.from ?? undefined,
      to: address.to ?? undefined,
    })),
  };
}
