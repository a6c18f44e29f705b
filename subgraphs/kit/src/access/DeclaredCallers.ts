import { readFileSync } from "node:fs";
import path from "node:path";
import { ANY_AGENCY, LEVELS, OWN_AREA, PARTNERS, type AccessPolicy } from "./AccessPolicy";
import { InvalidClaims, SERVICE_ROLE, type Caller } from "./Caller";

/**
 * The agencies whose staff may call Tessera and the areas (forces, trusts, councils, units) each
 * agency's staff and records belong to, as data: `config/callers.json`, or `TESSERA_CALLERS_FILE`.
 * A token naming anything else is refused, so `partners` in a policy means a declared agency other
 * than the owner, never "anyone else", and a record's area is always one somebody declared.
 */
export const DEFAULT_CALLERS_FILE = path.resolve(__dirname, "..", "..", "..", "..", "config", "callers.json");

export interface AgencyDeclaration {
  /** What the agency is and why its staff call Tessera: shown in docs/access-policy.md. */
  description: string;
  /** Area code → its name. */
  areas: Record<string, string>;
  /**
   * The only roles its staff may hold, for an agency whose staff do one thing (Tessera's own
   * services: their auditors). Absent: any role its issuer gives, and the policies decide what each
   * may read — but a role no policy of the agency's foresaw would otherwise be read as a partner's.
   */
  roles?: string[];
}

export interface CallersFile {
  version: number;
  description: string;
  agencies: Record<string, AgencyDeclaration>;
}

/** An agency name: what tokens and policies spell (`social-care`). */
const AGENCY = /^[a-z][a-z0-9-]{0,39}$/;
/** An area code: the record area codes the kit accepts (`NMC`, `RX1`), or an agency-wide name (`identity`). */
const AREA = /^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/;
/** Words a policy gives a meaning of its own, which an agency or area declared with that name would subvert. */
const RESERVED = new Set([ANY_AGENCY, PARTNERS, OWN_AREA]);

export class DeclaredCallers {
  /** Area code → the agency that declares it. */
  private readonly areaAgency = new Map<string, string>();

  constructor(readonly declaration: CallersFile) {
    for (const [agency, { areas }] of Object.entries(declaration.agencies)) for (const area of Object.keys(areas)) this.areaAgency.set(area, agency);
  }

  get agencies(): string[] {
    return Object.keys(this.declaration.agencies);
  }

  isAgency(agency: string): boolean {
    return Object.hasOwn(this.declaration.agencies, agency);
  }

  /** Whether some agency declares this area. */
  isArea(area: string): boolean {
    return this.areaAgency.has(area);
  }

  /**
   * Throws {@link InvalidClaims} unless the caller's agency is declared and their area is one of that
   * agency's. An agency's service account (its registration relay) acts for the whole agency, so its
   * area is the agency's own name.
   */
  check(caller: Pick<Caller, "agency" | "area" | "roles">): void {
    if (!this.isAgency(caller.agency)) throw new InvalidClaims(`the token's agency ${JSON.stringify(caller.agency)} is not an agency declared to Tessera`);
    const roles = this.declaration.agencies[caller.agency]!.roles;
    const unknown = roles ? caller.roles.filter((role) => !roles.includes(role)) : [];
    if (unknown.length > 0) throw new InvalidClaims(`the token's role ${JSON.stringify(unknown[0])} is not one agency ${caller.agency} declares (${roles!.join(", ")})`);
    if (caller.roles.includes(SERVICE_ROLE) && caller.area === caller.agency) return;
    if (this.areaAgency.get(caller.area) !== caller.agency) {
      throw new InvalidClaims(`the token's area ${JSON.stringify(caller.area)} is not an area declared for agency ${caller.agency}`);
    }
  }
}

/**
 * Throws, naming every one, when a policy's owner or a rule's agency is not declared: such a rule
 * would admit nobody, silently, where its author meant someone.
 */
export function checkPolicyAgencies(policy: AccessPolicy, callers: DeclaredCallers, source: string): void {
  const problems: string[] = [];
  if (!callers.isAgency(policy.agency)) problems.push(`the policy's agency ${policy.agency} is not declared`);
  for (const level of LEVELS) {
    for (const rule of policy.levels[level]) {
      for (const agency of rule.agencies) if (agency !== ANY_AGENCY && agency !== PARTNERS && !callers.isAgency(agency)) problems.push(`levels.${level} rule ${rule.rule}: agency ${agency} is not declared`);
    }
  }
  if (problems.length > 0) throw new Error(`${source}: the access policy names agencies the callers declaration does not:\n  - ${problems.join("\n  - ")}`);
}

/** Parses and checks a callers file; throws one error listing every problem. */
export function parseDeclaredCallers(json: unknown, source: string): DeclaredCallers {
  const file = json as CallersFile;
  if (!file || typeof file !== "object" || Array.isArray(file)) throw new Error(`${source}: not a callers declaration object`);
  const problems: string[] = [];
  if (!Number.isInteger(file.version)) problems.push("version must be an integer");
  if (typeof file.description !== "string" || file.description === "") problems.push("description must say what the file declares");
  if (!file.agencies || typeof file.agencies !== "object" || Object.keys(file.agencies).length === 0) problems.push("agencies must declare at least one agency");
  const declaredBy = new Map<string, string>();
  for (const [agency, declaration] of Object.entries(file.agencies ?? {})) {
    if (!AGENCY.test(agency) || RESERVED.has(agency)) problems.push(`agency ${JSON.stringify(agency)}: must be lower-case letters, digits and hyphens, and not a word policies reserve (${[...RESERVED].join(", ")})`);
    if (typeof declaration?.description !== "string" || declaration.description === "") problems.push(`agency ${agency}: needs a description`);
    const roles = declaration?.roles;
    if (roles !== undefined && (!Array.isArray(roles) || roles.length === 0 || !roles.every((role) => typeof role === "string" && role.trim() !== ""))) {
      problems.push(`agency ${agency}: roles, when given, must list at least one role name`);
    }
    const areas = declaration?.areas;
    if (!areas || typeof areas !== "object" || Object.keys(areas).length === 0) {
      problems.push(`agency ${agency}: areas must declare at least one area`);
      continue;
    }
    for (const [area, name] of Object.entries(areas)) {
      if (!AREA.test(area) || RESERVED.has(area)) problems.push(`agency ${agency}: area ${JSON.stringify(area)} must be 2 to 40 letters, digits or hyphens`);
      if (typeof name !== "string" || name === "") problems.push(`agency ${agency}: area ${area} needs a name`);
      const other = declaredBy.get(area);
      // A record's area says which agency's staff may change it, so an area belongs to one agency.
      if (other !== undefined) problems.push(`area ${area} is declared by both ${other} and ${agency}`);
      declaredBy.set(area, agency);
    }
  }
  if (problems.length > 0) throw new Error(`${source}: the callers declaration is not valid:\n  - ${problems.join("\n  - ")}`);
  return new DeclaredCallers(file);
}

/** Reads and checks the callers file: `TESSERA_CALLERS_FILE`, else {@link DEFAULT_CALLERS_FILE}. */
export function loadDeclaredCallers(env: NodeJS.ProcessEnv = process.env): DeclaredCallers {
  const file = env.TESSERA_CALLERS_FILE?.trim() || DEFAULT_CALLERS_FILE;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: the callers declaration cannot be read: ${(error as Error).message}`);
  }
  return parseDeclaredCallers(json, file);
}
