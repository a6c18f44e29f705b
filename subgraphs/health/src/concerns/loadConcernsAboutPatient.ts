import type { ServiceContext } from "@tessera/kit";
import { In } from "typeorm";
import { SafeguardingConcernEntity } from "./SafeguardingConcernEntity";

/** The concerns raised about a patient, newest first, in one statement for every patient in the request. */
export function loadConcernsAboutPatient(context: ServiceContext, patientId: string): Promise<SafeguardingConcernEntity[]> {
  return context.loaders
    .get<string, SafeguardingConcernEntity[]>("concernsAboutPatient", async (patientIds) => {
      const found = await context.db.getRepository(SafeguardingConcernEntity).find({
        where: { patientId: In([...patientIds]) },
        order: { raisedAt: "DESC", id: "ASC" },
      });
      const byPatient = new Map<string, SafeguardingConcernEntity[]>();
      for (const concern of found) {
        const list = byPatient.get(concern.patientId);
        if (list) list.push(concern);
        else byPatient.set(concern.patientId, [concern]);
      }
      return patientIds.map((id) => byPatient.get(id) ?? []);
    })
    .load(patientId);
}
