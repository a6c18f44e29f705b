import type { ServiceContext } from "@tessera/kit";
import { In } from "typeorm";
import { EncounterEntity } from "./EncounterEntity";

/** A patient's encounters, newest first, in one statement for every patient in the request. */
export function loadEncountersOfPatient(context: ServiceContext, patientId: string): Promise<EncounterEntity[]> {
  return context.loaders
    .get<string, EncounterEntity[]>("encountersOfPatient", async (patientIds) => {
      const found = await context.db.getRepository(EncounterEntity).find({
        where: { patientId: In([...patientIds]) },
        order: { occurredAt: "DESC", id: "ASC" },
      });
      const byPatient = new Map<string, EncounterEntity[]>();
      for (const encounter of found) {
        const list = byPatient.get(encounter.patientId);
        if (list) list.push(encounter);
        else byPatient.set(encounter.patientId, [encounter]);
      }
      return patientIds.map((id) => byPatient.get(id) ?? []);
    })
    .load(patientId);
}
