import { GraphQLError } from "graphql";
import { decide, type AccessDecision, type AccessPolicy, type Level, type TypePolicy } from "./AccessPolicy";
import type { Caller } from "./Caller";

/** What one request read or wrote, denied and to whom: the makings of its access-log entry. */
export interface AccessRecord {
  action: "read" | "write";
  subjects: string[];
  records: string[];
  fields: string[];
  denied: { field: string; rule: string }[];
}

/**
 * One request's view of the policy: decides each field (memoised per level and record area, so a
 * list of 500 events costs a handful of decisions) and remembers what was read and denied.
 */
export class RequestAccess {
  /** By level, then record area ("" for none). */
  private readonly decisions = new Map<Level, Map<string, AccessDecision>>();
  /** Values whose record and subject are noted, with the type they were noted as: every field of one event names the same ones. */
  private readonly noted = new WeakMap<object, string>();
  private readonly fields = new Set<string>();
  private readonly denied = new Map<string, string>();
  private readonly records = new Set<string>();
  private readonly subjects = new Set<string>();
  private writes = false;

  /**
   * @param logWrite records a write before it is made (the server writes an access-log entry); if
   *   it throws, the write is not made, so no write goes unlogged even if the request then fails.
   */
  constructor(
    readonly policy: AccessPolicy,
    readonly caller: Caller,
    private readonly logWrite: (record: AccessRecord) => Promise<void> = async () => undefined,
  ) {}

  /** Called once a write is authorised and before it runs. */
  async beforeWrite(field: string): Promise<void> {
    await this.logWrite({ action: "write", subjects: [], records: [], fields: [field], denied: [] });
  }

  /** The record a mutation returned, whether or not the caller selects its id. */
  wrote(typeName: string, value: unknown): void {
    const field = this.policy.types[typeName]?.record;
    const id = field === undefined || value === null || typeof value !== "object" ? undefined : stringOf((value as Record<string, unknown>)[field]);
    if (id !== undefined) this.records.add(`${typeName}:${id}`);
  }

  /**
   * Throws FORBIDDEN when the caller may not see this field of this value; records it either way.
   * Called for every field of every value a request resolves (thousands for a long history), so it
   * allocates nothing once a value's first field is checked; `name` is `typeName.field`, which the
   * caller can build once.
   */
  check(typeName: string, field: string, level: Level, type: TypePolicy, parent: unknown, isMutation: boolean, name = `${typeName}.${field}`): void {
    const value = (parent ?? {}) as Record<string, unknown>;
    const area = type.area === undefined ? undefined : stringOf(value[type.area]);
    let byArea = this.decisions.get(level);
    if (!byArea) this.decisions.set(level, (byArea = new Map()));
    let decision = byArea.get(area ?? "");
    if (!decision) {
      decision = decide(this.policy, level, this.caller, area);
      byArea.set(area ?? "", decision);
    }
    if (isMutation) this.writes = true;
    // The record and subject are logged whether the field is given or refused: a refused attempt
    // on a record is as much the auditor's business as a disclosure.
    if (typeof parent !== "object" || parent === null || this.noted.get(parent) !== typeName) {
      if (typeof parent === "object" && parent !== null) this.noted.set(parent, typeName);
      const record = type.record === undefined ? undefined : stringOf(value[type.record]);
      if (record !== undefined) this.records.add(`${typeName}:${record}`);
      const subject = type.subject === undefined ? undefined : stringOf(value[type.subject]);
      if (subject !== undefined) this.subjects.add(subject);
    }
    if (!decision.allowed) {
      this.denied.set(name, decision.rule);
      throw forbidden(this.policy.agency, name, decision);
    }
    this.fields.add(name);
  }

  /**
   * A record logged as read though no policed value carries it: one a root field was asked for by
   * id (logged even when the field is refused before loading it), or one a field's answer was
   * derived from without returning it.
   */
  noteRecord(typeName: string, id: unknown): void {
    const record = stringOf(id);
    if (record !== undefined) this.records.add(`${typeName}:${record}`);
  }

  /** Null when the request touched no field under the policy: nothing personal was read or written. */
  record(): AccessRecord | null {
    if (this.fields.size === 0 && this.denied.size === 0) return null;
    return {
      action: this.writes ? "write" : "read",
      subjects: [...this.subjects].sort(),
      records: [...this.records].sort(),
      fields: [...this.fields].sort(),
      denied: [...this.denied].map(([field, rule]) => ({ field, rule })).sort((a, b) => a.field.localeCompare(b.field)),
    };
  }
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

function forbidden(agency: string, field: string, decision: AccessDecision): GraphQLError {
  const why = decision.unmet.length === 0 ? "no rule admits anyone" : decision.unmet.map((u) => `rule ${u.rule} needs ${u.needs}`).join("; ");
  return new GraphQLError(`Forbidden: the ${agency} access policy puts ${field} at ${decision.level} level, and ${why}`, {
    extensions: { code: "FORBIDDEN", agency, field, level: decision.level, rule: decision.rule, unmet: decision.unmet },
  });
}
