import type { ServiceContext } from "@tessera/kit";
import type { Nominal } from "./Nominal";
import { NominalAddressEntity } from "./NominalAddressEntity";
import { NominalEntity } from "./NominalEntity";

/** One nominal with its addresses in the order the force listed them, or null. */
export async function loadNominal(context: ServiceContext, id: string): Promise<Nominal | null> {
  const nominal = await context.db.getRepository(NominalEntity).findOneBy({ id });
  if (!nominal) return null;
  const addresses = await context.db.getRepository(NominalAddressEntity).find({ where: { nominalId: id }, order: { position: "ASC" } });
  return {
    id: nominal.id,
    force: nominal.force,
    givenNames: nominal.givenNames,
    familyName: nominal.familyName,
    dateOfBirth: nominal.dateOfBirth ?? undefined,
    sex: (nominal.sex ?? undefined) as Nominal["sex"],
    pncId: nominal.pncId ?? undefined,
    addresses: addresses.map((address) => ({
      line1: address.line1 ?? undefined,
      postcode: address.postcode,
      from: address.from ?? undefined,
      to: address.to ?? undefined,
    })),
  };
}
