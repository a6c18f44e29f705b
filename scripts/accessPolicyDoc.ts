import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  accessLogFieldName,
  accessLogPolicyTypes,
  AGENCY_NAMES,
  ANY_AGENCY,
  PARTNERS,
  decide,
  DEFAULT_AUDIENCE,
  DEV_ISSUER,
  envPrefix,
  JUSTIFICATION_HEADER,
  LEVEL_DESCRIPTIONS,
  LEVELS,
  loadAccessPolicy,
  DEFAULT_CALLERS_FILE,
  DEFAULT_JUSTIFICATION_RULES,
  DEFAULT_KEY_COOLDOWN_MS,
  DEFAULT_KEY_MAX_AGE_MS,
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  loadDeclaredCallers,
  type DeclaredCallers,
  type RecordType,
  NONCE_HEADER,
  OWN_AREA,
  PURPOSE_DESCRIPTIONS,
  PURPOSES,
  REGISTRATION_PATH,
  REPLAY_WINDOW_MS,
  SERVICE_NAMES,
  SERVICE_ROLE,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  type AccessPolicy,
  type Caller,
  type Level,
  type PolicyRule,
  type SubgraphDefinition,
  unmetCondition,
} from "@tessera/kit";
import { DEMO_ROLES } from "@tessera/gateway";

/**
 * `npm run docs:access-policy` writes docs/access-policy.md from every subgraph's access policy, as
 * the kit loads it; `-- --check` exits 1 when the committed file is not what this would write. The
 * prose lives here too, so that the whole document is reproducible and a policy change that the
 * prose no longer fits shows up as a diff in the same review.
 */
const ROOT = path.resolve(__dirname, "..");
export const DOC_FILE = path.join(ROOT, "docs", "access-policy.md");

export interface ServicePolicy {
  service: string;
  /** Relative to the repository root, as the document names it. */
  policyFile: string;
  /** As `loadAccessPolicy` returns it: the agency's file plus the kit's access-log entries. */
  policy: AccessPolicy;
  /** Each record type a mutation writes, and where its area comes from (plain text, for the writes-by-area table). */
  writes: { record: string; area: string }[];
}

/** Agencies before identity: readers come looking for whose data it is, and identity holds none of its own. */
function documentedServices(): string[] {
  const agencies: readonly string[] = AGENCY_NAMES;
  return [...agencies, ...SERVICE_NAMES.filter((service) => !agencies.includes(service))];
}

/** Every service's policy, read through the subgraph's own definition exactly as `runSubgraph` reads it. */
export async function loadServicePolicies(): Promise<ServicePolicy[]> {
  const loaded: ServicePolicy[] = [];
  for (const name of documentedServices()) {
    const { subgraph } = (await import(path.join(ROOT, "subgraphs", name, "src", "index.ts"))) as { subgraph: SubgraphDefinition };
    loaded.push({
      service: subgraph.service,
      policyFile: path.relative(ROOT, subgraph.policyFile).split(path.sep).join("/"),
      policy: loadAccessPolicy(subgraph.policyFile, subgraph.service),
      writes: (subgraph.recordTypes ?? []).map((type) => ({ record: type.name, area: recordAreaText(type) })),
    });
  }
  return loaded;
}

/** Where a record type's area comes from, in words. */
function recordAreaText(type: RecordType): string {
  const area = type.area;
  if (area && "field" in area) return `its own \`${area.field}\``;
  if (area) return `its ${area.type}'s (\`${area.reference}\`)`;
  return "none of its own: a link, whose records it joins must be the writer's";
}

/** True for the entries `loadAccessPolicy` adds for the service's own log, which the agency may not declare. */
export function isKitLogField(service: string, typeName: string, field: string): boolean {
  return accessLogPolicyTypes(service)[typeName]?.fields[field] !== undefined;
}

/** The log's own types, the same in every service; `Query`'s field differs per service and is shown with each agency. */
export const KIT_LOG_TYPES = ["AccessLogPage", "AccessLogEntry", "AccessLogDenial"] as const;

/**
 * The example in "How a partner agency declares its own policy". Exported so that a test can hold it
 * to `parsePolicy`: an example a partner copies must be one the kit accepts.
 */
export const PROBATION_EXAMPLE = {
  agency: "probation",
  version: 1,
  roles: {
    probation_officer: "A probation practitioner.",
    auditor: "Probation's information governance: audits access.",
  },
  levels: {
    signal: [
      { rule: "probation/probation-own-agency", description: "Probation practitioners of any region, for safeguarding and disclosure decisions.", agencies: ["probation"], roles: ["probation_officer"], purposes: ["safeguarding", "disclosure_scheme"] },
      { rule: "probation/partner-safeguarding-signal", description: "A partner agency's professional, for safeguarding, may know that something happened, when, of what kind and how serious.", agencies: ["partners"], purposes: ["safeguarding"] },
    ],
    detail: [
      { rule: "probation/probation-detail", description: "Probation practitioners read supervision notes.", agencies: ["probation"], roles: ["probation_officer"], purposes: ["safeguarding", "disclosure_scheme"] },
      { rule: "probation/partner-detail-with-justification", description: "A partner's professional, for safeguarding, with a justification recorded for the request.", agencies: ["partners"], purposes: ["safeguarding"], justification: true },
    ],
    restricted: [
      { rule: "probation/own-region-practitioner", description: "Risk-of-serious-harm notes: practitioners of the region holding the record only.", agencies: ["probation"], roles: ["probation_officer"], areas: ["$own"], purposes: ["safeguarding", "disclosure_scheme"] },
    ],
    write: [{ rule: "probation/probation-write", description: "Probation practitioners record supervision events.", agencies: ["probation"], roles: ["probation_officer"], purposes: ["safeguarding"] }],
    audit: [{ rule: "probation/auditors", description: "Probation's own auditors read its access log (DPA 2018 s62(4)).", agencies: ["probation"], roles: ["auditor"], purposes: ["audit"] }],
  },
  types: {
    ProbationEvent: {
      area: "area",
      record: "id",
      fields: {
        id: "signal",
        agency: "signal",
        area: "signal",
        occurredAt: "signal",
        kind: "signal",
        role: "signal",
        counterparts: "signal",
        classification: "signal",
        summary: "detail",
        riskOfSeriousHarmNotes: "restricted",
      },
    },
    Counterpart: { fields: { role: "signal", person: "signal" } },
    PersonRef: { fields: { agency: "signal", localId: "signal" } },
    Subject: { subject: "id", fields: { id: "signal", probationEvents: "signal" } },
    Mutation: { fields: { recordProbationEvent: "write" } },
  },
} as const;

/** The partner in the worked denial: a social worker asking another agency for detail without a justification. */
const EXAMPLE_PARTNER: Caller = { user: "sw-nmb", name: "SW NMB Demo", agency: "social-care", roles: ["social_worker"], area: "NMB", purpose: "safeguarding" };

const code = (text: string) => `\`${text}\``;
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const row = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
const table = (header: string[], rows: string[][]) => [row(header), row(header.map(() => "---")), ...rows.map(row)].join("\n");
const title = (service: string) => service.charAt(0).toUpperCase() + service.slice(1).replace(/-/g, " ");

function agenciesText(rule: PolicyRule): string {
  return rule.agencies.map((agency) => (agency === ANY_AGENCY ? `any agency (${code(ANY_AGENCY)})` : agency === PARTNERS ? `any other agency (${code(PARTNERS)})` : code(agency))).join(", ");
}

function areasText(rule: PolicyRule): string {
  if (!rule.areas) return "any";
  return rule.areas.map((area) => (area === OWN_AREA ? `the record's own (${code(OWN_AREA)})` : code(area))).join(", ");
}

function rulesTable(policy: AccessPolicy): string {
  const rows: string[][] = [];
  for (const level of LEVELS) {
    const rules = policy.levels[level];
    if (rules.length === 0) rows.push([code(level), "(none)", "", "", "", "", "", "nobody: the level has no rules"]);
    for (const rule of rules) {
      rows.push([
        code(level),
        code(rule.rule),
        agenciesText(rule),
        rule.roles ? rule.roles.map(code).join(", ") : "any",
        areasText(rule),
        rule.purposes.map(code).join(", "),
        rule.justification ? "required" : "—",
        rule.description,
      ]);
    }
  }
  return table(["Level", "Rule", "Agencies", "Roles (any of)", "Areas", "Purposes (any of)", "Justification", "Description"], rows);
}

function keysText(type: { area?: string; record?: string; subject?: string }): string {
  const keys = [type.area && `area: ${code(type.area)}`, type.record && `record: ${code(type.record)}`, type.subject && `subject: ${code(type.subject)}`].filter(Boolean);
  return keys.length ? keys.join("; ") : "—";
}

/** One row per type, its fields under their levels; columns only for levels the table uses. */
function fieldsTable(types: readonly (readonly [string, { area?: string; record?: string; subject?: string; fields: [string, Level][] }])[]): string {
  const used = LEVELS.filter((level) => types.some(([, type]) => type.fields.some(([, l]) => l === level)));
  return table(
    ["Type", "Area, record, subject", ...used],
    types.map(([typeName, type]) => [
      code(typeName),
      keysText(type),
      ...used.map((level) =>
        type.fields
          .filter(([, l]) => l === level)
          .map(([field]) => code(field))
          .join(", "),
      ),
    ]),
  );
}

function agencySection({ service, policyFile, policy }: ServicePolicy): string {
  const declared = Object.entries(policy.types)
    .map(([typeName, type]) => [typeName, { ...type, fields: Object.entries(type.fields).filter(([field]) => !isKitLogField(service, typeName, field)) }] as const)
    .filter(([, type]) => type.fields.length > 0);
  const kitAdded = Object.entries(policy.types)
    .filter(([typeName]) => typeName === "Query" || typeName === "Mutation")
    .flatMap(([typeName, type]) => Object.entries(type.fields).filter(([field]) => isKitLogField(service, typeName, field)).map(([field, level]) => `${code(`${typeName}.${field}`)} at ${code(level)}`));
  return `### ${title(service)} (${code(service)})

From ${code(policyFile)}, version ${policy.version}, agency ${code(policy.agency)}.

Roles:

${table(
  ["Role", "Who"],
  Object.entries(policy.roles).map(([role, description]) => [code(role), description]),
)}

Rules, level by level (a caller a rule admits reads every field at that level):

${rulesTable(policy)}

Types and fields:

${fieldsTable(declared)}

Added by the kit: ${kitAdded.join(", ")}, and the access log's own types (see [Every policy's access-log entries](#every-policys-access-log-entries)).
`;
}

function kitLogSection(services: ServicePolicy[]): string {
  const sample = accessLogPolicyTypes(services[0]?.service ?? "police");
  const rootFields = services.map(({ service }) => code(`Query.${accessLogFieldName(service)}`)).join(", ");
  return `### Every policy's access-log entries

\`loadAccessPolicy\` adds these to every policy as it reads the file, so an agency declares who its
auditors are (its ${code("audit")} rules), not the log's fields; a policy file that declares one of
them is refused. Each service's root field is its own: ${rootFields}, all at ${code("audit")}.

${fieldsTable(KIT_LOG_TYPES.map((typeName) => [typeName, { ...sample[typeName]!, fields: Object.entries(sample[typeName]!.fields) }]))}
`;
}

function exampleDenial(services: ServicePolicy[]): string {
  const first = services[0];
  if (!first) return "";
  const found = Object.entries(first.policy.types)
    .filter(([typeName]) => typeName !== "Query" && typeName !== "Mutation")
    .flatMap(([typeName, type]) => Object.entries(type.fields).filter(([, level]) => level === "detail").map(([field]) => ({ typeName, field })))[0];
  if (!found || EXAMPLE_PARTNER.agency === first.policy.agency) return "";
  const decision = decide(first.policy, "detail", EXAMPLE_PARTNER, undefined);
  if (decision.allowed) return "";
  const name = `${found.typeName}.${found.field}`;
  const justified = { ...EXAMPLE_PARTNER, justification: "MASH strategy discussion" };
  const admitsWithJustification = first.policy.levels.detail.find((rule) => unmetCondition(rule, justified, undefined, first.policy.agency) === null);
  const why = decision.unmet.map((u) => `rule ${u.rule} needs ${u.needs}`).join("; ");
  const error = {
    message: `Forbidden: the ${first.policy.agency} access policy puts ${name} at detail level, and ${why}`,
    extensions: { code: "FORBIDDEN", agency: first.policy.agency, field: name, level: "detail", rule: decision.rule, unmet: decision.unmet, serviceName: first.service },
  };
  return `For example, a social worker (agency ${code(EXAMPLE_PARTNER.agency)}, purpose ${code(EXAMPLE_PARTNER.purpose)}) who
asks for ${code(name)} without a justification gets ${code("null")} for that field and, beside it (the
gateway adds ${code("serviceName")} and the error's ${code("path")}):

\`\`\`json
${JSON.stringify(error, null, 2)}
\`\`\`

${admitsWithJustification ? `With an ${code(JUSTIFICATION_HEADER)} header, ${code(admitsWithJustification.rule)} admits them, and the justification is in the\naccess-log entry.\n` : ""}`;
}

function callersTable(callers: DeclaredCallers): string {
  return table(
    ["Agency", "What it is", "Areas", "Roles its staff may hold"],
    Object.entries(callers.declaration.agencies).map(([agency, declaration]) => [
      code(agency),
      declaration.description,
      Object.entries(declaration.areas).map(([area, name]) => `${code(area)} ${name}`).join("; "),
      declaration.roles ? declaration.roles.map(code).join(", ") : "any its issuer gives",
    ]),
  );
}

function writesTable(services: ServicePolicy[]): string {
  return table(
    ["Service", "Record", "Its area"],
    services.flatMap(({ service, writes }) => writes.map(({ record, area }) => [code(service), code(record), area])),
  );
}

function demoTokensTable(): string {
  return table(
    ["Who", "agency", "roles", "area", "purpose"],
    DEMO_ROLES.map(({ label, claims }) => [label, code(claims.agency), claims.roles.map(code).join(", "), code(claims.area), code(claims.purpose)]),
  );
}

/** Whether an auditor's token opens anything but the log, as the policies stand. */
function auditPurposeElsewhere(services: ServicePolicy[]): string {
  const elsewhere = services.flatMap(({ policy }) =>
    LEVELS.filter((level) => level !== "audit").flatMap((level) => policy.levels[level].filter((rule) => rule.purposes.includes("audit")).map((rule) => code(rule.rule))),
  );
  return elsewhere.length === 0
    ? " No rule at any other level admits the purpose `audit`, so an auditor's token reads the log, never the records."
    : ` These rules at other levels also admit the purpose \`audit\`: ${elsewhere.join(", ")}.`;
}

function auditorsTable(services: ServicePolicy[]): string {
  return table(
    ["Service", "Root field", "Admitted by"],
    services.map(({ service, policy }) => [
      code(service),
      code(accessLogFieldName(service)),
      policy.levels.audit.length === 0
        ? "nobody (no audit rules)"
        : policy.levels.audit.map((rule) => `${code(rule.rule)}: agency ${agenciesText(rule)}, role ${rule.roles ? rule.roles.map(code).join(" or ") : "any"}, purpose ${rule.purposes.map(code).join(" or ")}`).join("; "),
    ]),
  );
}

/** The whole document: pure, so a test can compare it with the committed file. */
export function renderAccessPolicyDoc(services: ServicePolicy[], callers: DeclaredCallers = loadDeclaredCallers({})): string {
  const hours = (seconds: number) => `${seconds / 3600} hours`;
  const secretNames = SERVICE_NAMES.map((service) => code(`TESSERA_GATEWAY_SECRET_${envPrefix(service)}`)).join(", ");
  const exampleService = services[0]?.service ?? "police";
  const exampleLog = accessLogFieldName(exampleService);
  return `<!--
  Generated by \`npm run docs:access-policy\` from scripts/accessPolicyDoc.ts and every subgraph's
  access-policy.json. Do not edit by hand: change the policy or the generator, then regenerate.
  \`npm run docs:access-policy -- --check\` and a test fail while this file is stale.
-->

# Access: tokens, policies and the access log

Every request to Tessera says who is asking, for which agency, in which role and area, and for what
purpose. Every agency's data is served under that agency's own access policy, enforced by the kit in
the agency's own subgraph, field by field. Every read and write of personal data is recorded in the
owning service's own access log, before the answer leaves.

- [Who is asking: tokens](#who-is-asking-tokens)
- [Purposes](#purposes) and [levels](#levels)
- [How a field is decided](#how-a-field-is-decided)
- [The policies](#the-policies), one per service, generated from its policy file
- [How a partner agency declares its own policy](#how-a-partner-agency-declares-its-own-policy)
- [The access log](#the-access-log)

## Who is asking: tokens

### The token

Every request to the gateway carries \`Authorization: Bearer <token>\`, a signed JWT. The gateway
verifies it with [jose](https://github.com/panva/jose) before planning anything (so introspection too
needs a token) and answers HTTP 401 \`UNAUTHENTICATED\` with the reason when it fails. Each subgraph
verifies the same token again, because subgraphs trust no network: the gateway forwards the caller's
token, not a claim of its own.

Verification checks the signature against the configured keys, the issuer (\`iss\`), the audience
(\`aud\`), the expiry (\`exp\`, required), the issue time (\`iat\`, required, not in the future) and
\`nbf\`, with 5 seconds' tolerance for clocks, and that the token's algorithm is on the allowed list (by
default ES256, RS256, PS256 and EdDSA; \`none\` is never accepted). Then what jose leaves alone:

- **Lifetime.** A token may live at most ${hours(DEFAULT_MAX_TOKEN_LIFETIME_SECONDS)} from \`iat\` to \`exp\`, and as its \`iat\` may not be in
  the future, its \`exp\` is at most that far from now (\`TESSERA_JWT_MAX_LIFETIME_SECONDS\`): a token is for one working shift (the
  development issuer's last 8 hours; police and NHS shifts run 8 to 12) with a margin for overrunning
  it, so a stolen token is good for a shift at most. A token expiring in year 9999 is refused.
- **Declared callers.** Its \`agency\` must be declared, and its \`area\` declared for that agency (see
  [Declared agencies and areas](#declared-agencies-and-areas)).
- **Canonical ECDSA signatures.** For an ES256, ES384 or ES512 signature (r, s), (r, n − s) verifies
  too, so every token would have a second spelling; only the low one, s ≤ n/2, is accepted (as Bitcoin's
  BIP 62 and Ethereum's EIP-2 require). An issuer signing with ECDSA must normalise its signatures so;
  the development issuer does.

Each process remembers up to 1000 verified tokens until they expire, or until its keys are re-read,
so a busy user's token is checked once, not on every request.

The claims Tessera reads:

${table(
  ["Claim", "Meaning"],
  [
    [code("sub"), "the user's stable id at their organisation (required)"],
    [code("name"), "the user's name, shown in the access log"],
    [code("agency"), `${code("police")}, ${code("health")}, ${code("social-care")}, or a partner's agency code: a declared agency`],
    [code("roles"), "a non-empty list of role names, matched against the policies' rules"],
    [code("area"), "the user's force, trust or council code, declared for their agency; matched against rules with areas, and the only area they write in"],
    [code("purpose"), `why they are asking: one of ${PURPOSES.map(code).join(", ")} (see [Purposes](#purposes))`],
  ],
)}

A token missing any of them, with an empty list of roles or with another purpose is refused. A user
who works for two purposes holds two tokens: the purpose belongs to the login, and every access-log
entry records it.

### Declared agencies and areas

Tessera serves only callers of the agencies and areas declared in
\`${path.relative(ROOT, DEFAULT_CALLERS_FILE)}\` (\`TESSERA_CALLERS_FILE\` names another), read and checked whole when each
process starts: a file with any problem (an agency or area without a name, an area declared by two
agencies, an agency called \`${ANY_AGENCY}\` or \`${PARTNERS}\`) stops the process, naming every problem. A token naming an
undeclared agency or area, or an area of another agency, is refused with 401 \`UNAUTHENTICATED\`
("the token's agency "mi5" is not an agency declared to Tessera"). So \`${PARTNERS}\` in a policy means the
declared agencies other than the owner, never "anyone else", and every record's area is one somebody
declared; a policy naming an agency nobody declared stops its subgraph at start. An agency's service
account (role \`${SERVICE_ROLE}\`) acts for the whole agency: its area is the agency's own name. The
declaration as it stands:

${callersTable(callers)}

${callers.declaration.description}

### Configuration

Every process (gateway and subgraphs) reads the same variables:

${table(
  ["Variable", "Meaning"],
  [
    [code("TESSERA_JWKS_URL"), "your organisation's identity provider's JWKS endpoint (keys fetched, cached and re-fetched by jose: see [Key rotation](#key-rotation))"],
    [code("TESSERA_JWKS_FILE"), `a JWKS on disk instead of ${code("TESSERA_JWKS_URL")}: read at start, and re-read as a URL's keys are`],
    [code("TESSERA_JWT_ISSUER"), "the issuer those keys belong to: required with either of the above"],
    [code("TESSERA_JWT_AUDIENCE"), `the ${code("aud")} every token must carry; default ${code(DEFAULT_AUDIENCE)}`],
    [code("TESSERA_JWT_ALGORITHMS"), `comma-separated signing algorithms, the only ones accepted; default ${code("ES256,RS256,PS256,EdDSA")}. A list naming ${code("none")} stops the process at start`],
    [code("TESSERA_JWKS_COOLDOWN_SECONDS"), `the least time between two re-reads of the keys prompted by an unknown key id; default ${DEFAULT_KEY_COOLDOWN_MS / 1000} (jose's own), so a flood of made-up key ids reads them twice a minute at most`],
    [code("TESSERA_JWKS_MAX_AGE_SECONDS"), `keys older than this are re-read before the next verification; default ${DEFAULT_KEY_MAX_AGE_MS / 1000} (jose's own): a withdrawn key stops verifying within 10 minutes`],
    [code("TESSERA_JWT_MAX_LIFETIME_SECONDS"), `the longest a token may live (exp − iat), and the furthest its exp may be from now; default ${DEFAULT_MAX_TOKEN_LIFETIME_SECONDS} (${hours(DEFAULT_MAX_TOKEN_LIFETIME_SECONDS)}: a shift and a margin)`],
    [code("TESSERA_CALLERS_FILE"), `the declared agencies and areas; default ${code(path.relative(ROOT, DEFAULT_CALLERS_FILE))}`],
    [code("TESSERA_JUSTIFICATION_MIN_WORDS"), `words (of two or more letters or digits) a justification needs; default ${DEFAULT_JUSTIFICATION_RULES.minWords}`],
    [code("TESSERA_JUSTIFICATION_MIN_LETTERS"), `letters a justification needs in all; default ${DEFAULT_JUSTIFICATION_RULES.minLetters}`],
    [code("TESSERA_GATEWAY_SECRET_<SERVICE>"), `the secret the gateway and that subgraph alone share (${secretNames}); the gateway and the subgraph must both have it`],
    [code("TESSERA_SERVICE_TOKEN_FILE"), `an agency service's own token (role ${code(SERVICE_ROLE)}), for registering people with identity; re-read on every use, so the provider can rotate it. ${code("{agency}")} in the path is replaced by the agency's name, for services that share one environment`],
    [code("TESSERA_DEV_ISSUER_DIR"), `where the development issuer keeps its key and secrets; default ${code(".tessera/dev-issuer")} (git-ignored)`],
  ],
)}

With neither \`TESSERA_JWKS_URL\` nor \`TESSERA_JWKS_FILE\` set, Tessera trusts its **development
issuer** (\`iss\` ${code(DEV_ISSUER)}, an ES256 key made on first use in the development issuer's
directory), keeps a random secret per subgraph for the gateway beside it, and signs service
tokens with it. With a real issuer configured,
nothing falls back to development keys: a missing gateway secret or service token is an error where
it is needed (the gateway or the subgraph does not start; a relay cannot register).

### Key rotation

No process needs a restart when the issuer rotates its keys. Every process (gateway and subgraphs)
re-reads the keys — the JWKS URL through jose's \`createRemoteJWKSet\`, the JWKS file or the
development issuer's key through the kit's equivalent — when a token names a key id it does not hold
(at most once per \`TESSERA_JWKS_COOLDOWN_SECONDS\`, default ${DEFAULT_KEY_COOLDOWN_MS / 1000} s, however many made-up key ids
arrive), and before the next verification once they are older than \`TESSERA_JWKS_MAX_AGE_SECONDS\`
(default ${DEFAULT_KEY_MAX_AGE_MS / 1000} s). To rotate: publish the new key beside the old one, switch the issuer to it,
and remove the old key once its last tokens have expired (at most ${hours(DEFAULT_MAX_TOKEN_LIFETIME_SECONDS)}); a removed key stops
verifying at the next re-read, and tokens verified under it are verified again. Replace a JWKS file in
one step (write a new file, then rename it over the old): a re-read of a file that fails (a
half-written file) keeps the keys held and logs the error; a URL's keys follow jose's rules (a fetch
that fails fails the verification that needed it).

### Tokens for development

\`npm run token -- --agency police --role officer --area NMC --purpose safeguarding\` prints a token from
the development issuer (\`--role\` may be repeated; \`--name\`, \`--user\` and \`--expires\`, default \`8h\`,
are optional). \`npm start\` prints ready-made tokens, valid for 8 hours, for these people of the
demonstration data:

${demoTokensTable()}

The development key is on disk: never load real personal data while tokens come from it.

### The justification header

A rule can require a justification: partners read another agency's **detail** only with one. It is
sent as the \`${JUSTIFICATION_HEADER}\` header, in words a later audit can weigh (for example
"MASH strategy discussion for child J, ref 4411"), not as a token claim, because it belongs to one
request, not to the login: the same professional justifies each look separately.

A justification is text a person wrote. The gateway and every subgraph check it alike, and refuse
with 401 \`UNAUTHENTICATED\`, naming what is wrong, one that:

- is not valid UTF-8 (the header's bytes are decoded as UTF-8, so "Zoë, référence MARAC 12" is stored as
  written, not as Latin-1 mojibake);
- holds a control or invisible character: tabs, newlines and other controls, zero-width spaces and
  joiners, bidirectional overrides and isolates, the byte-order mark, blank fillers (the Hangul fillers
  count as letters in Unicode), private-use or unassigned code points (a person typing a reason enters
  none; they pad a reason out or make the log read otherwise than what was sent);
- stacks more than four combining marks on one letter (no script writes more; a tall stack buries the
  text);
- is shorter than ${DEFAULT_JUSTIFICATION_RULES.minLength} or longer than ${DEFAULT_JUSTIFICATION_RULES.maxLength} characters (characters, not bytes);
- has fewer than ${DEFAULT_JUSTIFICATION_RULES.minWords} words of two or more letters or digits, or fewer than ${DEFAULT_JUSTIFICATION_RULES.minLetters} letters in all: the shortest reasons professionals give
  ("MARAC referral pending", "Section 47 enquiry") pass, \`aaaaaaaaaa\`, \`urgent\` or a row of digits do not
  (\`TESSERA_JUSTIFICATION_MIN_WORDS\`, \`TESSERA_JUSTIFICATION_MIN_LETTERS\`).

An empty header is no justification. The gateway forwards the header's bytes unchanged to every
subgraph it calls, the gateway's signature covers them, and every access-log entry of the request
records the justification exactly as sent.

### Writes by area

A professional records and changes the records of their own area only. A mutation's record must
name the writer's own force, trust or council (\`FORBIDDEN\`, naming the field, e.g. \`input.force\`,
otherwise); an area code nobody declared (\`ZZZ\`) is \`BAD_USER_INPUT\` naming the field; every record it
references must be of the writer's area (\`FORBIDDEN\` naming the reference, e.g. \`input.occurrenceId\`);
and a record it would replace must be the writer's area's too (\`FORBIDDEN\` naming \`input.id\`), so an
officer cannot take over another force's nominal by writing to its id with their own force's code.
Nothing is written when any of these fails. The kit checks this once, in \`writeRecord\`, for every
agency's mutations; each record type declares where its area is:

${writesTable(services)}

The bulk import is the operator's, not a professional's, and is not limited by area.

### The gateway's signature

A subgraph's \`/graphql\` answers only requests the gateway signed. For each request the gateway
computes an HMAC-SHA256, with the secret it shares with that subgraph (\`TESSERA_GATEWAY_SECRET_<SERVICE>\`),
over: a version tag, the subgraph's name, a timestamp, a one-time random nonce, the SHA-256 of the
exact body bytes, the \`authorization\` header (the caller's token), the justification and the request
id (\`x-request-id\`: the caller's, or one the gateway makes). It sends \`${SIGNATURE_HEADER}\`,
\`${TIMESTAMP_HEADER}\` and \`${NONCE_HEADER}\` with the request. The signing happens where the body is
final, so the subgraph checks the bytes it received.

The subgraph refuses, with 401 \`UNAUTHENTICATED\`, a request that is unsigned, whose timestamp is more
than ${REPLAY_WINDOW_MS / 1000} seconds from its own clock, whose signature does not match, or whose nonce it has
seen in that window (a replay); then it verifies the token itself. So nobody who can reach a subgraph
on the network can call \`_entities\` with hand-made \`@requires\` inputs, or swap the token or the
justification of a genuine request. The gateway reports a subgraph's refusal as \`SUBGRAPH_REFUSED\`
naming the service, and the rest of the answer stands.

### Identity's registration endpoint

\`POST ${REGISTRATION_PATH}\` on identity, where agencies' outbox relays deliver person records, is
not behind the gateway. It verifies the token itself and accepts only an agency's **service account**:
a token with the role \`${SERVICE_ROLE}\` (401 without a valid token, 403 for anyone else's), registering
records of its own agency only (403, naming the first foreign record, otherwise). A relay takes its
token from \`TESSERA_SERVICE_TOKEN_FILE\`; in development the kit issues one (user
\`service:<agency>\`, area the agency's name, purpose \`safeguarding\`, valid 10 minutes). Each accepted
batch is written to identity's access log as a write (operation \`register\`, the records as
\`PersonRecord:<agency>/<localId>\`) before any of it is saved, and nothing is saved if that entry cannot
be written. A service account's token is good for this endpoint only: the gateway and every subgraph
refuse it for GraphQL.

## Purposes

A token states one purpose; a rule admits only the purposes it lists.

${table(
  ["Purpose", "For"],
  PURPOSES.map((purpose) => [code(purpose), PURPOSE_DESCRIPTIONS[purpose]]),
)}

## Levels

Each field has one level in its agency's policy. The three reading tiers, then writing and auditing:

${table(
  ["Level", "What it holds"],
  LEVELS.map((level) => [code(level), LEVEL_DESCRIPTIONS[level]]),
)}

**Tiers nest**, and the kit refuses a policy where they do not: every \`detail\` rule's callers must be
admitted by one \`signal\` rule, and every \`restricted\` and \`write\` rule's by one \`detail\` rule (a writer
reads back what they wrote). Otherwise a caller could read a narrative but not the event it belongs
to. \`audit\` stands apart: auditors read the log, never the records.

## How a field is decided

1. **The field's level.** The subgraph that resolves a field looks up its level in its own agency's
   policy (\`types.<Type>.fields.<field>\`). Fields another subgraph resolves (\`@external\`) are decided
   there, under that agency's policy.
2. **The level's rules.** They are tried in order, and **any one rule admits** the caller. A rule
   admits a caller when every condition it states holds:
   - \`agencies\`: the caller's agency is listed, or the list has \`${PARTNERS}\` and the caller's agency is not the
     policy's own (so the owner's staff are held to the owner's own rules), or the list has \`${ANY_AGENCY}\` (any agency);
   - \`roles\` (absent: any role): the caller holds at least one of them;
   - \`purposes\`: the token's purpose is listed;
   - \`areas\` (absent: any area): \`${OWN_AREA}\` means **the record's area equals the caller's**, the
     record's area being the value of the field its type names as \`area\` (a nominal's \`force\`, a
     patient's \`trust\`, a client's \`council\`). A \`Query\` or \`Mutation\` field has no record, so \`${OWN_AREA}\`
     never admits there. Any other code listed is matched against the caller's own area;
   - \`justification: true\`: the request carries an \`${JUSTIFICATION_HEADER}\` header.
3. **Denied fields are null.** When no rule admits the caller, the field resolves to \`null\` with a
   \`FORBIDDEN\` error: its \`extensions\` name the agency, the field, the level, a \`rule\` (the rule the
   caller came nearest to meeting — the one whose first unmet condition comes latest in the order
   above — or \`<agency>/<level>/none\` when the level has none) and, under \`unmet\`, each rule with the
   first condition the caller does not meet (checked in the order above). The rest of the answer
   stands, and the denial is in the access log. A denied mutation does not run.
4. **Once per request.** Decisions are memoised per request by level and record area, so a list of
   500 events costs a handful of decisions.

${exampleDenial(services)}
**Default deny.** A field with no level is never served: before a subgraph serves anything, the kit
checks the policy against its schema and **refuses to start**, listing every problem, if a field the
schema exposes has no entry, if the policy names a field the schema lacks, if a \`Query\` field is
non-null (any root field can be denied), or if a non-null field sits at a higher level than the
fields that lead to its type (a denial must null that field alone, never its parent). Entities
reached through \`_entities\` count as reachable at \`signal\`. Before that, while reading the file, the
kit refuses an unknown level or purpose, a rule without a name or a description, a name used twice,
a rule without agencies or purposes, an own-agency rule naming a role the policy does not list, a
level with an \`${OWN_AREA}\` rule on a type that names no \`area\` field, and tiers that do not nest. A
request with no verified caller reads nothing (\`UNAUTHENTICATED\`).

The tests load every policy file as the kit does and check that this document names every rule and
every field of every policy at its level; the end-to-end suite starts every subgraph under its
policy, so a field without a level fails the tests as well as the start.

## The policies

Generated from each subgraph's \`access-policy.json\` as \`loadAccessPolicy\` reads it. In the rules
tables, a listed role or purpose is "any of"; in the types tables, "area, record, subject" name the
fields the policy and the access log read: the record's area (for \`${OWN_AREA}\`), its id (logged as
\`Type:id\`) and the subject's id (logged in the entry's subjects).

${services.map(agencySection).join("\n")}
${kitLogSection(services)}
## How a partner agency declares its own policy

A partner (probation, housing, another force) writes one JSON file beside its subgraph,
\`subgraphs/<agency>/access-policy.json\`:

${table(
  ["Key", "Meaning"],
  [
    [code("agency"), "the agency's code, as its users' tokens carry it"],
    [code("version"), "an integer; raise it when the policy changes"],
    [code("roles"), "each of the agency's own role names, with who holds it"],
    [code("levels"), `${LEVELS.map(code).join(", ")}: each a list of rules (an empty list admits nobody)`],
    ["a rule", `${code("rule")} (a unique name, conventionally ${code("<agency>/<name>")}; every denial names it), ${code("description")}, ${code("agencies")} (codes, ${code(PARTNERS)} or ${code(ANY_AGENCY)}), ${code("roles")} (optional), ${code("areas")} (optional; codes or ${code(OWN_AREA)}), ${code("purposes")}, ${code("justification")} (optional, ${code("true")} to require one)`],
    [code("types"), `${code("{ \"<Type>\": { area?, record?, subject?, fields: { \"<field>\": \"<level>\" } } }")}: every type and field the subgraph serves`],
  ],
)}

For a probation subgraph whose events extend \`Subject\`:

\`\`\`json
${JSON.stringify(PROBATION_EXAMPLE, null, 2)}
\`\`\`

The example lists what \`SafeguardingEvent\` and \`defineAgencySubject\` bring (the eight event fields,
\`Counterpart\`, \`PersonRef\`, \`Subject.id\` and the agency's \`Subject\` field) and one mutation; a real
policy lists every type and field of the subgraph's schema. Then:

1. Name the file in the subgraph's \`SubgraphDefinition\` (\`src/index.ts\`):
   \`policyFile: path.resolve(__dirname, "..", "access-policy.json")\`, and put the kit's
   \`CreateAccessLog1732600000000\` last in its \`migrations\`, which creates the access log.
2. Start it. \`runSubgraph\` reads the policy before the database opens and the kit enforces it on
   every field; a subgraph with an unlisted field, or a policy that does not parse, does not start, and
   the error lists every problem. The kit adds the agency's access-log field
   (\`probationAccessLog\`) and its entries; the agency's \`audit\` rules decide who reads it.
3. Run \`npm run docs:access-policy\` (after adding the agency to the kit's services) so that this
   document includes the new policy, and commit both. \`npm run docs:access-policy -- --check\` fails
   while they differ.

The gateway signs every request to the new subgraph with \`TESSERA_GATEWAY_SECRET_PROBATION\`, and the
agency's relay registers its people with identity using its own service account's token.

## The access log

### What an entry records

Each service writes **one entry per request** that read or wrote personal data (a request that
touched no field under the policy writes none), in one INSERT, after the request's resolvers have run
and before its answer is sent. A write is also logged **before it is made**: each mutation, once
authorised, first writes an entry naming it (action \`write\`, the mutation as its field), and is not
made if that entry cannot be written; the request's entry then follows with what was written and read
back. A record asked for by id (\`nominal(id: …)\`) is in the entry's records whether or not it was
given. An entry is this JSON object, in this key order:

${table(
  ["Key", "What"],
  [
    [code("loggedAt"), "when the entry was made (ISO 8601)"],
    [code("service"), "the service whose data it was"],
    [code("requestId"), "the request id, which ties the entries of every service one request touched"],
    [code("operation"), "the GraphQL operation's name, when it has one"],
    [code("user"), `the token's ${code("sub")}`],
    [code("userName"), `the token's ${code("name")}`],
    [code("agency"), "the caller's agency"],
    [code("roles"), "the caller's roles"],
    [code("area"), "the caller's force, trust or council"],
    [code("purpose"), "the purpose the token stated"],
    [code("justification"), `the ${code(JUSTIFICATION_HEADER)} given, or null`],
    [code("action"), `${code("read")}, or ${code("write")} when the request ran a mutation`],
    [code("outcome"), `${code("allowed")}, ${code("denied")} (every field it asked for was refused) or ${code("partial")}`],
    [code("subjects"), `the subjects whose data it touched (from types naming a ${code("subject")} field)`],
    [code("records"), `the records touched, as ${code("Type:id")} (from types naming a ${code("record")} field)`],
    [code("fields"), `the fields disclosed, as ${code("Type.field")}`],
    [code("denied"), `the fields refused, each with the rule named in its error (${code("{ field, rule }")})`],
  ],
)}

Identity's registration endpoint writes one entry per accepted batch, and the bulk import
(\`npm run import\`) one per run, before its first line loads (user \`operator:<operating-system user>\`,
purpose \`bulk import\`, the file's path as the operation).

### Where it lives, and why it can be trusted

In each service's **own database**, table \`access_log\` (created by the kit's migration
\`CreateAccessLog1732600000000\`): the entry's text as written, with the columns an auditor searches by
(time, user, agency, purpose, subject ids) beside it. The log of police data is kept with police data,
under police's control, and so on for every service.

- **Append-only.** Database triggers refuse \`UPDATE\`, \`DELETE\` and \`TRUNCATE\` on \`access_log\` and on
  its head table, whoever asks (bar the chain trigger's own move of the head).
- **Hash-chained.** On every insert a trigger computes the entry's hash as
  \`sha256(previous hash + "\\n" + entry text)\` (hex; the first entry's previous hash is empty), under a
  lock on the one-row \`access_log_head\` table, which holds the last hash and the number of entries. So
  concurrent writers from several processes still make one chain.
- **No unlogged disclosure.** If the entry cannot be written, the service withholds its whole answer:
  it responds HTTP 503 with \`ACCESS_LOG_UNAVAILABLE\` and a reference to the error it logged, and no
  data. Through the gateway the caller sees that service's fields as \`null\`, with a
  \`ACCESS_LOG_UNAVAILABLE\` error naming the service, and the rest of the answer stands.

### Checking the chain

\`npm run audit:verify -- --service police\` (repeat \`--service\`, or \`--all\`) walks each service's chain
from its first entry, in the database \`<SERVICE>_DATABASE_URL\` names (else the embedded server
\`npm start\` runs). Every entry must point at the one before it, hash to its stored hash, and say in its
searchable columns what its hashed text says; the head must name the last entry and the count. It
prints \`police: intact, <n> entries\`, or \`police: BROKEN at entry <id>: <what>\` with the number of
entries before it that hold: an entry removed or reordered, an entry altered, a column altered, or
entries removed from the end. It exits 0 when every chain holds, 1 when one is broken, and 2 when it
cannot check (a usage error or an unreachable database).

### Who reads it

Each service's log is read through its own root field, by the callers its policy's \`audit\` rules
admit: each agency's auditors, with purpose \`audit\`.${auditPurposeElsewhere(services)}

${auditorsTable(services)}

There is one field per service because each log lives in its own service's database, and federation
cannot route one root field to four subgraphs. Arguments: \`subjectId\` (only entries touching that
subject), \`from\` (inclusive) and \`to\` (exclusive) times, \`first\` (1 to 500, default 50) and \`after\`
(the previous page's \`endCursor\`). Entries come newest first.

\`\`\`graphql
query PoliceAccessToSubject($subjectId: ID!, $after: String) {
  ${exampleLog}(subjectId: $subjectId, from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", first: 100, after: $after) {
    entries {
      loggedAt
      requestId
      userName
      agency
      roles
      area
      purpose
      justification
      action
      outcome
      records
      fields
      denied { field rule }
      hash
    }
    hasNextPage
    endCursor
  }
}
\`\`\`

with a token such as \`npm run token -- --agency police --role auditor --area NMC --purpose audit\`.

**Reading the log is itself logged**: the auditor's query is an entry in the same log, naming each
entry read as \`AccessLogEntry:<id>\`.

A subject is found by \`subjectId\` in the entries of requests that resolved that \`Subject\` (its events,
its identity); a record looked up directly by id (\`nominal(id:)\`, \`patient(id:)\`) is logged by
record, not by subject.

### What the law allows it to be used for

The log is the consultation and disclosure log (and, for writes, the collection and alteration log)
that DPA 2018 section 62 requires: who consulted or disclosed what, when, with what justification,
and to whom (the caller's user, agency and role). Section 62(4) limits its use to verifying the
lawfulness of processing, self-monitoring, ensuring the integrity and security of the data, and
criminal proceedings: it is not a source of intelligence about the people in it, nor about staff
beyond those purposes. It holds personal data itself (staff names, subject ids, justifications), and
only each agency's auditors read it.

### Limits

- The triggers and the chain are in the same database as the log. Whoever can alter the table's
  triggers can disable them and rewrite entries: a superuser, or the table's owner, which as shipped
  is the role the service connects as, since the service runs its own migrations. The chain makes an
  edit evident to \`npm run audit:verify\` unless the editor also recomputes every later hash and the
  head; because the head is not anchored anywhere else (no copy of it is published or kept outside the
  database), such a rewrite is not detected. The chain proves order and integrity against ordinary
  access, not against the database's administrators.
- Anyone who can INSERT into \`access_log\` can append entries of their own making; the chain links
  them like any other.
- Nonces are remembered in each subgraph process's memory: a subgraph run as several processes does
  not share them.
- A write logged ahead that then fails (bad input, a database error) leaves its entry: the log
  records attempts as well as changes.
- There is no retention or erasure of log entries: append-only means none can be deleted.
`;
}

async function main(): Promise<number> {
  const check = process.argv.includes("--check");
  const rendered = renderAccessPolicyDoc(await loadServicePolicies());
  const relative = path.relative(process.cwd(), DOC_FILE);
  if (check) {
    let onDisk: string | undefined;
    try {
      onDisk = readFileSync(DOC_FILE, "utf8");
    } catch {
      onDisk = undefined;
    }
    if (onDisk !== rendered) {
      process.stderr.write(`${relative} is not what the access policies give: run \`npm run docs:access-policy\` and commit it\n`);
      return 1;
    }
    process.stdout.write(`${relative} is current\n`);
    return 0;
  }
  writeFileSync(DOC_FILE, rendered);
  process.stdout.write(`wrote ${relative}\n`);
  return 0;
}

if (require.main === module) {
  main().then(
    (status) => process.exit(status),
    (error: unknown) => {
      process.stderr.write(`docs:access-policy failed: ${(error as Error).message}\n`);
      process.exit(2);
    },
  );
}
