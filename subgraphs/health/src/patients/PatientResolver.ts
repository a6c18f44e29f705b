import { withMintedId, writeRecord, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { loadConcernsAboutPatient } from "../concerns/loadConcernsAboutPatient";
import { SafeguardingConcern } from "../concerns/SafeguardingConcern";
import { Encounter } from "../encounters/Encounter";
import { loadEncountersOfPatient } from "../encounters/loadEncountersOfPatient";
import { recordTypes } from "../records";
import type { PatientRow } from "../records/patientRecord";
import { loadPatient } from "./loadPatient";
import { Patient } from "./Patient";
import { PatientInput } from "./PatientInput";

@Resolver(() => Patient)
export class PatientResolver {
  @Query(() => Patient, { nullable: true, description: "A patient record by the trust's own id." })
  patient(@Arg("id", () => ID) id: string, @Ctx() context: ServiceContext): Promise<Patient | null> {
    return loadPatient(context, id);
  }

  @Mutation(() => Patient, { description: "Records a patient, or updates one with the same id, and registers them with identity." })
  recordPatient(@Arg("input", () => PatientInput) input: PatientInput, @Ctx() context: ServiceContext): Promise<Patient> {
    return writeRecord<PatientRow>(context, recordTypes, "patient", withMintedId(input));
  }

  @FieldResolver(() => [Encounter], { description: "Newest first." })
  encounters(@Root() patient: Patient, @Ctx() context: ServiceContext): Promise<Encounter[]> {
    return loadEncountersOfPatient(context, patient.id);
  }

  @FieldResolver(() => [SafeguardingConcern], { description: "Concerns raised about this patient, newest first." })
  safeguardingConcerns(@Root() patient: Patient, @Ctx() context: ServiceContext): Promise<SafeguardingConcern[]> {
    return loadConcernsAboutPatient(context, patient.id);
  }
}
