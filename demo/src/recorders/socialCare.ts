import type { Organisation } from "../areas";
import type { EpisodeKind, EpisodeRole, HouseholdRelationship, PlanCategory } from "../format";
import { NOISE, recordedDateOfBirth, recordedNames, recordedSex } from "../noise";
import type { Person } from "../people";
import { isoTime } from "../time";
import type { World } from "../world";

export interface EpisodeSpec {
  kind: EpisodeKind;
  startedAt: number;
  /** Left open when it would end after `asOf`. */
  endedAt?: number;
  outcome?: string;
  category?: PlanCategory;
  summary: string;
}

/** A council's records: one client per person per council; NHS numbers only sometimes known. */
export class SocialCareRecorder {
  private clients = new Map<string, string>();
  private links = new Set<string>();

  constructor(private readonly world: World) {}

  client(person: Person, council: Organisation): string {
    const key = `${person.id}|${council.code}`;
    const known = this.clients.get(key);
    if (known) return known;
    const { random } = this.world;
    const id = this.world.nextId(council.code, "C");
    const noise = NOISE["social-care"];
    const names = recordedNames(random, person, noise);
    const dateOfBirth = recordedDateOfBirth(random, person, noise, this.world.asOfDate);
    const sex = recordedSex(random, person, noise);
    const nhsNumber = random.chance(0.45) ? this.world.people.nhsNumberOf(person) : undefined;
    this.world.emit({
      agency: "social-care",
      person,
      line: {
        type: "client",
        id,
        council: council.code,
        ...names,
        ...(dateOfBirth ? { dateOfBirth } : {}),
        ...(sex ? { sex } : {}),
        postcode: person.home.postcode,
        ...(nhsNumber ? { nhsNumber } : {}),
      },
    });
    this.clients.set(key, id);
    return id;
  }

  episode(person: Person, council: Organisation, spec: EpisodeSpec): string {
    const clientId = this.client(person, council);
    const id = this.world.nextId(council.code, "EP");
    const ended = spec.endedAt !== undefined && spec.endedAt <= this.world.asOf ? Math.max(spec.endedAt, spec.startedAt) : undefined;
    this.world.emit({
      agency: "social-care",
      line: {
        type: "episode",
        id,
        council: council.code,
        clientId,
        kind: spec.kind,
        startedAt: isoTime(spec.startedAt),
        ...(ended !== undefined ? { endedAt: isoTime(ended) } : {}),
        ...(ended !== undefined && spec.outcome ? { outcome: spec.outcome } : {}),
        ...(spec.category ? { category: spec.category } : {}),
        summary: spec.summary,
      },
    });
    return id;
  }

  involve(episodeId: string, person: Person, council: Organisation, role: EpisodeRole): void {
    const clientId = this.client(person, council);
    const key = `${episodeId}|${clientId}|${role}`;
    if (this.links.has(key)) return;
    this.links.add(key);
    this.world.emit({ agency: "social-care", line: { type: "episodeInvolvement", episodeId, clientId, role } });
  }

  /** Records that `member` is in `person`'s household, once per pair. */
  householdMember(person: Person, member: Person, council: Organisation, relationship: HouseholdRelationship): void {
    const clientId = this.client(person, council);
    const memberClientId = this.client(member, council);
    const key = `${clientId}|${memberClientId}`;
    if (this.links.has(key)) return;
    this.links.add(key);
    this.world.emit({ agency: "social-care", line: { type: "householdMember", clientId, memberClientId, relationship } });
  }

  forget(): void {
    this.clients = new Map();
    this.links = new Set();
  }
}
