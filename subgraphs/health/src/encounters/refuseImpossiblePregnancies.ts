import { InvalidInput } from "@tessera/kit";
import type { EntityManager } from "typeorm";
import { HealthSignal } from "./HealthSignal";
import { PREGNANCY_CONFIG, type PregnancyConfig } from "./pregnancyConfig";

/** What of an encounter can record a pregnancy or a birth: its flags, not its setting. */
export interface PregnancyEvidence {
  patientId: string;
  occurredAt: Date;
  signals: readonly HealthSignal[];
  gestationWeeks?: number;
}

/**
 * The input field through which an encounter records a pregnancy or a birth, the most specific
 * first, so the error names what the writer should look at; undefined when it records neither.
 * Only an explicit flag is such a claim. The MATERNITY setting is where the patient was seen, and a
 * newborn's own check is seen there too (a baby boy on the day he was born): refusing it would refuse
 * true records, which files written before the flags existed hold. The PREGNANCY marker a maternity
 * setting gives is instead withheld from a patient who cannot be pregnant (events/healthEventMarkers.ts).
 */
export function pregnancyField(encounter: PregnancyEvidence): "gestationWeeks" | "signals" | undefined {
  if (encounter.gestationWeeks !== undefined) return "gestationWeeks";
  if (encounter.signals.includes(HealthSignal.PREGNANT) || encounter.signals.includes(HealthSignal.POSTNATAL)) return "signals";
  return undefined;
}

/**
 * Refuses, naming the field, an encounter that records a pregnancy or a birth for a patient whose
 * recorded sex is MALE or whose age at the encounter is outside the configured bounds: such a record
 * is almost always the wrong patient or a wrong date, and would put a pregnancy marker on someone's
 * risk. Run inside the save's transaction, so a patient saved earlier in the same import — an earlier
 * line, or the same batch, whose patients are saved before its encounters — is read as it now is.
 */
export async function refuseImpossiblePregnancies(manager: EntityManager, encounters: readonly PregnancyEvidence[], config: PregnancyConfig = PREGNANCY_CONFIG): Promise<void> {
  const claims = encounters.flatMap((encounter) => {
    const field = pregnancyField(encounter);
    return field ? [{ encounter, field }] : [];
  });
  if (claims.length === 0) return;
  const patients: { id: string; sex: string | null; date_of_birth: string | null }[] = await manager.query(
    `SELECT id, sex, date_of_birth::text AS date_of_birth FROM patient WHERE id = ANY($1::text[])`,
    [[...new Set(claims.map(({ encounter }) => encounter.patientId))]],
  );
  const byId = new Map(patients.map((patient) => [patient.id, patient]));
  const { youngest, oldest } = config.pregnancyAges;
  for (const { encounter, field } of claims) {
    const patient = byId.get(encounter.patientId);
    if (patient?.sex === "MALE") {
      throw new InvalidInput(field, `records a pregnancy or a birth, which patient ${encounter.patientId}'s recorded sex (MALE) rules out`);
    }
    if (!patient?.date_of_birth) continue;
    const age = ageInEngland(patient.date_of_birth, encounter.occurredAt);
    if (age < youngest || age > oldest) {
      throw new InvalidInput(
        field,
        `records a pregnancy or a birth for patient ${encounter.patientId}, aged ${age} at the encounter: health accepts one from age ${youngest} to ${oldest} (subgraphs/health/config/pregnancy.json)`,
      );
    }
  }
}

// The calendar day in England, not the server's: an encounter at 00:30 on a birthday in summer is 23:30 UTC the day before.
const ENGLAND_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** Whole years from a date of birth (YYYY-MM-DD) to an instant, as a birthday is counted in England. */
function ageInEngland(dateOfBirth: string, at: Date): number {
  const [year, month, day] = ENGLAND_DATE.format(at).split("-").map(Number) as [number, number, number];
  const [bornYear, bornMonth, bornDay] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const beforeBirthday = month < bornMonth || (month === bornMonth && day < bornDay);
  return year - bornYear - (beforeBirthday ? 1 : 0);
}
