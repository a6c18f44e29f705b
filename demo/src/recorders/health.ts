import type { Organisation } from "../areas";
import type { ConcernCategory, EncounterSetting } from "../format";
import { NOISE, recordedDateOfBirth, recordedNames, recordedSex } from "../noise";
import type { Person } from "../people";
import { isoTime } from "../time";
import type { World } from "../world";

export interface EncounterSpec {
  setting: EncounterSetting;
  occurredAt: number;
  presentingComplaint: string;
  injuryDescription?: string;
  disclosedAbuse?: boolean;
  allegedPerpetratorName?: string;
  allegedPerpetratorPatientId?: string;
}

/** An NHS trust's records: one patient record per person per trust, nearly always with the NHS number. */
export class HealthRecorder {
  private patients = new Map<string, string>();

  constructor(private readonly world: World) {}

  patient(person: Person, trust: Organisation): string {
    const key = `${person.id}|${trust.code}`;
    const known = this.patients.get(key);
    if (known) return known;
    const { random } = this.world;
    const id = this.world.nextId(trust.code, "P");
    const noise = NOISE.health;
    const names = recordedNames(random, person, noise);
    const dateOfBirth = recordedDateOfBirth(random, person, noise, this.world.asOfDate);
    const sex = recordedSex(random, person, noise);
    const nhsNumber = random.chance(0.96) ? this.world.people.nhsNumberOf(person) : undefined;
    this.world.emit({
      agency: "health",
      person,
      line: {
        type: "patient",
        id,
        trust: trust.code,
        ...(nhsNumber ? { nhsNumber } : {}),
        ...names,
        ...(dateOfBirth ? { dateOfBirth } : {}),
        ...(sex ? { sex } : {}),
        postcode: person.home.postcode,
        registeredPractice: practiceFor(person.home.postcode),
      },
    });
    this.patients.set(key, id);
    return id;
  }

  /** The person's patient record at this trust, if the trust has met them in this story. */
  knownPatient(person: Person, trust: Organisation): string | undefined {
    return this.patients.get(`${person.id}|${trust.code}`);
  }

  encounter(person: Person, trust: Organisation, spec: EncounterSpec): { patientId: string; encounterId: string } {
    const patientId = this.patient(person, trust);
    const encounterId = this.world.nextId(trust.code, "E");
    this.world.emit({
      agency: "health",
      line: {
        type: "encounter",
        id: encounterId,
        patientId,
        trust: trust.code,
        setting: spec.setting,
        occurredAt: isoTime(spec.occurredAt),
        presentingComplaint: spec.presentingComplaint,
        injury: spec.injuryDescription !== undefined,
        ...(spec.injuryDescription ? { injuryDescription: spec.injuryDescription } : {}),
        disclosedAbuse: spec.disclosedAbuse ?? false,
        ...(spec.allegedPerpetratorName ? { allegedPerpetratorName: spec.allegedPerpetratorName } : {}),
        ...(spec.allegedPerpetratorPatientId ? { allegedPerpetratorPatientId: spec.allegedPerpetratorPatientId } : {}),
      },
    });
    return { patientId, encounterId };
  }

  safeguardingConcern(trust: Organisation, patientId: string, encounterId: string | undefined, raisedAt: number, category: ConcernCategory, summary: string): string {
    const id = this.world.nextId(trust.code, "S");
    this.world.emit({
      agency: "health",
      line: { type: "safeguardingConcern", id, patientId, ...(encounterId ? { encounterId } : {}), raisedAt: isoTime(raisedAt), category, summary },
    });
    return id;
  }

  forget(): void {
    this.patients = new Map();
  }
}

/** A synthetic GP practice code per postcode district, so neighbours share a practice. */
function practiceFor(postcode: string): string {
  const district = postcode.split(" ")[0]!;
  let hash = 0;
  for (const char of district) hash = (hash * 31 + char.charCodeAt(0)) % 90_000;
  return `Y${10_000 + hash}`;
}
