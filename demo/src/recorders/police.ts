import type { Organisation } from "../areas";
import type { DashAnswer, InvolvementRole, MaracCriterion, NominalLine, OccurrenceLine, PoliceCategory, RiskGrading } from "../format";
import { NOISE, recordedDateOfBirth, recordedNames, recordedSex } from "../noise";
import type { Person } from "../people";
import { isoDate, isoTime } from "../time";
import type { World } from "../world";

export interface OccurrenceSpec {
  force: Organisation;
  category: PoliceCategory;
  domesticAbuse: boolean;
  occurredAt: number;
  reportedAt: number;
  location: { description: string; postcode: string };
  summary: string;
}

/**
 * A police force's records. A person gets one nominal per force (a force that meets them again
 * finds its own nominal; another force creates a new one, often without the PNC ID).
 */
export class PoliceRecorder {
  private nominals = new Map<string, NominalLine>();
  private involvements = new Set<string>();

  constructor(private readonly world: World) {}

  nominal(person: Person, force: Organisation): string {
    const key = `${person.id}|${force.code}`;
    const known = this.nominals.get(key);
    if (known) return known.id;
    const { random } = this.world;
    const id = this.world.nextId(force.code, "N");
    const noise = NOISE.police;
    const names = recordedNames(random, person, noise);
    const dateOfBirth = recordedDateOfBirth(random, person, noise, this.world.asOfDate);
    const sex = recordedSex(random, person, noise);
    const pncId = person.pncId && random.chance(person.pncForce === force.code ? 0.97 : 0.4) ? person.pncId : undefined;
    const line: NominalLine = {
      type: "nominal",
      id,
      force: force.code,
      ...names,
      ...(dateOfBirth ? { dateOfBirth } : {}),
      ...(sex ? { sex } : {}),
      ...(pncId ? { pncId } : {}),
      addresses: [{ line1: person.home.line1, postcode: person.home.postcode, from: isoDate(Math.max(person.home.since, person.born)) }],
    };
    this.world.emit({ agency: "police", person, line });
    this.nominals.set(key, line);
    return id;
  }

  /**
   * The person is arrested and fingerprinted: they get a PNC ID if they had none, and the arresting
   * force's nominal carries it (the files are the forces' records as they stand at `asOf`).
   */
  arrest(person: Person, force: Organisation, at: number): void {
    if (person.pncId) return;
    this.world.people.arrest(person, force.code, at);
    const nominal = this.nominals.get(`${person.id}|${force.code}`);
    if (nominal && this.world.random.chance(0.97)) nominal.pncId = person.pncId;
  }

  occurrence(spec: OccurrenceSpec): string {
    const id = this.world.nextId(spec.force.code, "O");
    const line: OccurrenceLine = {
      type: "occurrence",
      id,
      force: spec.force.code,
      category: spec.category,
      domesticAbuse: spec.domesticAbuse,
      occurredAt: isoTime(spec.occurredAt),
      reportedAt: isoTime(this.world.clamp(Math.max(spec.reportedAt, spec.occurredAt))),
      location: spec.location,
      summary: spec.summary,
    };
    this.world.emit({ agency: "police", line });
    return id;
  }

  /** Links a person to an occurrence, creating their nominal in that force if needed. */
  involve(occurrenceId: string, person: Person, force: Organisation, role: InvolvementRole): string {
    const nominalId = this.nominal(person, force);
    const key = `${occurrenceId}|${nominalId}|${role}`;
    if (!this.involvements.has(key)) {
      this.involvements.add(key);
      this.world.emit({ agency: "police", line: { type: "involvement", occurrenceId, nominalId, role } });
    }
    return nominalId;
  }

  dashAssessment(force: Organisation, occurrenceId: string, victimNominalId: string, assessedAt: number, answers: DashAnswer[], officerGrading: RiskGrading | undefined): string {
    const id = this.world.nextId(force.code, "D");
    this.world.emit({
      agency: "police",
      line: { type: "dashAssessment", id, occurrenceId, victimNominalId, assessedAt: isoTime(assessedAt), tool: "DASH", answers, ...(officerGrading ? { officerGrading } : {}) },
    });
    return id;
  }

  maracReferral(force: Organisation, victimNominalId: string, occurrenceId: string | undefined, referredAt: number, criterion: MaracCriterion): string {
    const id = this.world.nextId(force.code, "M");
    this.world.emit({
      agency: "police",
      line: { type: "maracReferral", id, victimNominalId, ...(occurrenceId ? { occurrenceId } : {}), referredAt: isoTime(referredAt), criterion },
    });
    return id;
  }

  /** People never recur across stories, so the story's nominals can be dropped. */
  forget(): void {
    this.nominals = new Map();
    this.involvements = new Set();
  }
}
