import { PURPOSES, type Caller, type Purpose } from "./Caller";

/**
 * An agency's access policy as data: which callers each tier admits (its rules), and the tier of
 * every field of every type the agency's subgraph serves. One JSON file per subgraph,
 * `access-policy.json`; docs/access-policy.md is generated from these files.
 */
export const TIERS = ["signal", "detail", "restricted"] as const;
export type Tier = (typeof TIERS)[number];

/** Tiers of reading, plus writing (mutations) and auditing (the access log). */
export const LEVELS = [...TIERS, "write", "audit"] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_DESCRIPTIONS: Record<Level, string> = {
  signal: "that something happened, when, of what kind, how serious: shareable with partner agencies for safeguarding",
  detail: "narratives, clinical content, addresses: the owning agency; partners only with a recorded justification",
  restricted: "named roles only, as the owner names them (for an agency: its own staff, often of the record's own area)",
  write: "recording and changing the records: the roles the owner names",
  audit: "the agency's access log: its auditors only",
};

/** `$own` in `areas`: the record's area must be the caller's own (force, trust or council). */
export const OWN_AREA = "$own";
/** `*` in `agencies`: any agency, the owner included. */
export const ANY_AGENCY = "*";
/**
 * `partners` in `agencies`: any declared agency but the policy's own (the owner's staff get its own
 * rules). A token of an agency config/callers.json does not declare is refused before any policy
 * sees it (DeclaredCallers), so no `mi5` is ever a partner.
 */
export const PARTNERS = "partners";

export interface PolicyRule {
  /** Named in every denial and in the docs. */
  rule: string;
  description: string;
  agencies: string[];
  /** Absent: any role. */
  roles?: string[];
  /** Absent: any area. `$own`: the record's own area. Another code: the caller's area must be that one. */
  areas?: string[];
  purposes: Purpose[];
  /** The request must carry a justification (the `x-tessera-justification` header). */
  justification?: boolean;
}

export interface TypePolicy {
  /** The field of a value of this type holding its area, for rules with `areas`. */
  area?: string;
  /** The field holding the record's id: logged as `Type:id`. */
  record?: string;
  /** The field holding the subject's id: logged in the entry's subjects. */
  subject?: string;
  fields: Record<string, Level>;
}

export interface AccessPolicy {
  agency: string;
  version: number;
  roles: Record<string, string>;
  levels: Record<Level, PolicyRule[]>;
  types: Record<string, TypePolicy>;
}

export interface AccessDecision {
  allowed: boolean;
  level: Level;
  /** The rule that admitted the caller, or the first rule considered when none did. */
  rule: string;
  /** For a denial: each rule and the first of its conditions the caller does not meet. */
  unmet: { rule: string; needs: string }[];
}

function admitsAgency(rule: PolicyRule, owner: string, agency: string): boolean {
  return rule.agencies.includes(ANY_AGENCY) || rule.agencies.includes(agency) || (rule.agencies.includes(PARTNERS) && agency !== owner);
}

/**
 * The first condition of a rule that this caller, for a record in this area, does not meet, and how
 * far the caller got (0 agency, 1 role, 2 purpose, 3 area, 4 justification): the rule a caller got
 * furthest with is the one a denial names, since it is the one they could most nearly meet.
 */
function firstUnmet(rule: PolicyRule, owner: string, caller: Caller, recordArea: string | undefined): { needs: string; stage: number } | null {
  if (!admitsAgency(rule, owner, caller.agency)) return { needs: `agency ${rule.agencies.map((a) => (a === PARTNERS ? `a partner of ${owner}` : a)).join(" or ")}`, stage: 0 };
  if (rule.roles && !rule.roles.some((role) => caller.roles.includes(role))) return { needs: `role ${rule.roles.join(" or ")}`, stage: 1 };
  if (!rule.purposes.includes(caller.purpose)) return { needs: `purpose ${rule.purposes.join(" or ")}`, stage: 2 };
  if (rule.areas) {
    const admitted = rule.areas.some((area) => (area === OWN_AREA ? recordArea !== undefined && recordArea === caller.area : area === caller.area));
    if (!admitted) return { needs: rule.areas.includes(OWN_AREA) ? "a record of the caller's own area" : `area ${rule.areas.join(" or ")}`, stage: 3 };
  }
  if (rule.justification && !caller.justification) return { needs: "a justification (x-tessera-justification header)", stage: 4 };
  return null;
}

/** The first condition of a rule of `owner`'s policy that this caller, for a record in this area, does not meet. */
export function unmetCondition(rule: PolicyRule, caller: Caller, recordArea: string | undefined, owner = ""): string | null {
  return firstUnmet(rule, owner, caller, recordArea)?.needs ?? null;
}

export function decide(policy: AccessPolicy, level: Level, caller: Caller, recordArea: string | undefined): AccessDecision {
  const rules = policy.levels[level];
  const unmet: AccessDecision["unmet"] = [];
  let closest = { rule: `${policy.agency}/${level}/none`, stage: -1 };
  for (const rule of rules) {
    const missing = firstUnmet(rule, policy.agency, caller, recordArea);
    if (missing === null) return { allowed: true, level, rule: rule.rule, unmet: [] };
    unmet.push({ rule: rule.rule, needs: missing.needs });
    if (missing.stage > closest.stage) closest = { rule: rule.rule, stage: missing.stage };
  }
  return { allowed: false, level, rule: closest.rule, unmet };
}

/**
 * Parses and checks a policy file. Throws one error listing every problem: an unknown level or
 * purpose, a rule without a name, a tier a caller could reach without reaching the tiers below it.
 */
export function parsePolicy(json: unknown, source: string): AccessPolicy {
  const problems: string[] = [];
  const policy = json as AccessPolicy;
  if (!policy || typeof policy !== "object") throw new Error(`${source}: not a policy object`);
  if (typeof policy.agency !== "string" || policy.agency === "") problems.push("agency must be named");
  if (!Number.isInteger(policy.version)) problems.push("version must be an integer");
  const roles = policy.roles ?? {};
  const names = new Set<string>();
  for (const level of LEVELS) {
    const rules = policy.levels?.[level];
    if (!Array.isArray(rules)) {
      problems.push(`levels.${level} must list its rules (an empty list admits nobody)`);
      continue;
    }
    for (const rule of rules) {
      const where = `levels.${level} rule ${JSON.stringify(rule.rule)}`;
      if (typeof rule.rule !== "string" || rule.rule === "") problems.push(`levels.${level}: every rule needs a name`);
      else if (names.has(rule.rule)) problems.push(`${where}: the name is used twice`);
      names.add(rule.rule);
      if (typeof rule.description !== "string" || rule.description === "") problems.push(`${where}: needs a description`);
      if (!Array.isArray(rule.agencies) || rule.agencies.length === 0) problems.push(`${where}: agencies must list at least one agency, "${PARTNERS}" or "${ANY_AGENCY}"`);
      if (!Array.isArray(rule.purposes) || rule.purposes.length === 0) problems.push(`${where}: purposes must list at least one purpose`);
      for (const purpose of rule.purposes ?? []) if (!(PURPOSES as readonly string[]).includes(purpose)) problems.push(`${where}: unknown purpose ${purpose}`);
      for (const role of rule.roles ?? []) {
        if (rule.agencies?.includes(policy.agency) && rule.agencies.length === 1 && !(role in roles)) problems.push(`${where}: role ${role} is not among the policy's roles`);
      }
    }
  }
  for (const [typeName, type] of Object.entries(policy.types ?? {})) {
    for (const [field, level] of Object.entries(type.fields ?? {})) {
      if (!(LEVELS as readonly string[]).includes(level)) problems.push(`${typeName}.${field}: unknown level ${String(level)}`);
      const usesArea = policy.levels?.[level]?.some((rule) => rule.areas?.includes(OWN_AREA));
      if (usesArea && !type.area && typeName !== "Query" && typeName !== "Mutation") problems.push(`${typeName}.${field}: its level has a rule for the record's own area, but ${typeName} names no area field`);
    }
  }
  if (problems.length === 0) problems.push(...tierNestingProblems(policy));
  if (problems.length > 0) throw new Error(`${source}: the access policy is not valid:\n  - ${problems.join("\n  - ")}`);
  return policy;
}

/**
 * Tiers nest: whoever a detail rule admits, some signal rule admits too, and likewise restricted
 * (and write) within detail. Without that, a caller could read a narrative but not the event it belongs to, and
 * the non-null fields of a type could not be trusted to resolve whenever the type does.
 */
function tierNestingProblems(policy: AccessPolicy): string[] {
  const problems: string[] = [];
  const within = (inner: string[] | undefined, outer: string[] | undefined) => outer === undefined || (inner !== undefined && inner.every((x) => outer.includes(x)));
  // Whether every agency `inner` admits is admitted by `outer`, with `*` and `partners` as sets.
  const agenciesWithin = (inner: string[], outer: string[]) =>
    outer.includes(ANY_AGENCY) ||
    inner.every((agency) =>
      agency === ANY_AGENCY ? false : agency === PARTNERS ? outer.includes(PARTNERS) : outer.includes(agency) || (outer.includes(PARTNERS) && agency !== policy.agency),
    );
  const covers = (outer: PolicyRule, inner: PolicyRule) =>
    agenciesWithin(inner.agencies, outer.agencies) &&
    within(inner.roles, outer.roles) &&
    within(inner.purposes, outer.purposes) &&
    within(inner.areas, outer.areas) &&
    (!outer.justification || inner.justification === true);
  // A writer reads back what they wrote, at detail level.
  const nesting: [Level, Level][] = [["detail", "signal"], ["restricted", "detail"], ["write", "detail"]];
  for (const [inner, outer] of nesting) {
    for (const rule of policy.levels[inner]) {
      if (!policy.levels[outer].some((candidate) => covers(candidate, rule))) problems.push(`${inner} rule ${rule.rule} admits callers that no ${outer} rule admits`);
    }
  }
  return problems;
}

/**
 * Whether every caller admitted at `entry` is admitted at `field` too: the tiers nest (signal ⊇
 * detail ⊇ restricted), a writer reads detail (parsePolicy checks both), and the audit level stands
 * apart — under it, only audit.
 */
export function levelAdmitsWithin(entry: Level, field: Level): boolean {
  if (entry === field) return true;
  if (entry === "audit" || field === "audit") return false;
  const rank: Record<Exclude<Level, "audit">, number> = { signal: 0, detail: 1, restricted: 2, write: 1 };
  return rank[field] <= rank[entry];
}
