import type { ServiceContext } from "@tessera/kit";
import { In } from "typeorm";
import { PatientEntity } from "./PatientEntity";

/** A patient by id, batched with every other patient asked for in the same request. */
export function loadPatient(context: ServiceContext, id: string): Promise<PatientEntity | null> {
  return context.loaders
    .get<string, PatientEntity | null>("patient", async (ids) => {
      const found = await context.db.getRepository(PatientEntity).findBy({ id: In([...ids]) });
      const byId = new Map(found.map((patient) => [patient.id, patient]));
      return ids.map((wanted) => byId.get(wanted) ?? null);
    })
    .load(id);
}
