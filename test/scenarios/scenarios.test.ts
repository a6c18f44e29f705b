import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DevTokenClaims } from "@tessera/kit";
import { startStackFixture, type StackFixture } from "../e2e/stackFixture";
import { AGENCIES, callerClaims, CRITERIA, loadCases, type ScenarioCase, type SubjectSearch } from "./scenarioCase";

/**
 * The risk scenario suite: every case in cases/ loaded through the agencies' bulk imports into one
 * stack (each service its own process on real PostgreSQL) and read through the gateway as the case's
 * caller, as at the case's moment. A failure names the expectation's public source and shows what
 * Tessera said instead, so whoever reads it can weigh the rule against the source, not against the case.
 */
const cases = loadCases();

const RISK = `query($id: ID!, $asAt: DateTimeISO, $rules: String) { subject(id: $id) {
  displayName
  riskAssessment(asAt: $asAt, ruleSetVersion: $rules) {
    level completeness headline summary
    reasons { ruleId statement contribution events latestAt linkDoubt }
    basis { agenciesSeen agenciesNotSeen { agency reason } areas ruleSetVersion }
  }
  marac(asAt: $asAt, ruleSetVersion: $rules) { referralIndicated indication criteria { criterion met evidence events } }
} }`;

const PROFILE = `query($id: ID!, $asAt: DateTimeISO) { subject(id: $id) {
  displayName
  perpetratorProfile(asAt: $asAt) { distinctVictims serialPerpetrator serialPerpetratorEvidence counterAllegation caveat }
} }`;

interface Reason {
  ruleId: string;
  statement: string;
  contribution: number;
  events: string[];
  latestAt: string | null;
  linkDoubt: string | null;
}
interface Risk {
  displayName: string;
  riskAssessment: {
    level: string;
    completeness: string;
    headline: string;
    summary: string;
    reasons: Reason[];
    basis: { agenciesSeen: string[]; agenciesNotSeen: { agency: string; reason: string }[]; areas: string[]; ruleSetVersion: string };
  };
  marac: { referralIndicated: boolean; indication: string; criteria: { criterion: string; met: boolean; evidence: string; events: string[] }[] };
}
interface Profile {
  displayName: string;
  perpetratorProfile: { distinctVictims: number; serialPerpetrator: boolean; serialPerpetratorEvidence: string; counterAllegation: boolean; caveat: string | null };
}

describe("risk scenarios as a MARAC chair would judge them, through the gateway", () => {
  let fixture: StackFixture;
  let dir: string;
  /** Lines an agency's import rejected, by the case they belong to: that case fails with them. */
  const rejected = new Map<string, string[]>();
  /** Each case under rule set v1 and under the rules in force, for the report TESSERA_SCENARIO_REPORT asks for. */
  const compared: string[] = [];

  beforeAll(async () => {
    fixture = await startStackFixture();
    dir = mkdtempSync(path.join(tmpdir(), "tessera-scenarios-"));
    // One file per agency for every case, so the suite costs one import per agency however many cases.
    for (const agency of AGENCIES) {
      const lines = cases.flatMap((scenario) => (scenario.agencies[agency] ?? []).map((line) => ({ scenario, line })));
      if (lines.length === 0) continue;
      const file = path.join(dir, `${agency}.ndjson`);
      writeFileSync(file, lines.map(({ line }) => JSON.stringify(line)).join("\n") + "\n");
      const result = await fixture.importFile(agency, file);
      for (const output of result.output) {
        const match = /^line (\d+): (.*)$/.exec(output);
        if (!match) continue;
        const { scenario, line } = lines[Number(match[1]) - 1]!;
        rejected.set(scenario.file, [...(rejected.get(scenario.file) ?? []), `${agency} import rejected ${JSON.stringify(line)}: ${match[2]}`]);
      }
      // Exit 1 is "some lines rejected", reported per case above; anything else is the import itself failing.
      if (result.code !== 0 && result.code !== 1) throw new Error(`import ${agency} failed (exit ${result.code}):\n${result.output.join("\n")}`);
    }
  }, 300_000);

  afterAll(async () => {
    const report = process.env.TESSERA_SCENARIO_REPORT;
    if (report && compared.length > 0) {
      const head = "| case | expected | v1: level, criteria met, referral | now: level, criteria met, referral |\n|---|---|---|---|\n";
      writeFileSync(report, head + [...compared].sort().join("\n") + "\n");
    }
    await fixture?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const findOne = async (caller: DevTokenClaims, search: SubjectSearch, whose: string): Promise<string> => {
    const { data, errors } = await fixture.query(caller, `query($name: String, $dob: String) { searchSubjects(name: $name, dateOfBirth: $dob, first: 10) { nodes { id knownNames datesOfBirth records { agency localId } } } }`, {
      name: search.name,
      dob: search.dateOfBirth ?? null,
    });
    if (errors) throw new Error(`searching for ${whose} "${search.name}" failed: ${JSON.stringify(errors)}`);
    const nodes = data!.searchSubjects.nodes as { id: string; knownNames: string[]; datesOfBirth: string[]; records: { agency: string; localId: string }[] }[];
    if (nodes.length !== 1) {
      // Two subjects for one person is identity not joining her records: risk would see half of her.
      throw new Error(
        `${whose} "${search.name}" should be one subject, identity has ${nodes.length}:\n` +
          nodes.map((n) => `  ${n.id}: ${n.knownNames.join(" / ")} (${n.datesOfBirth.join(", ")}) ${n.records.map((r) => `${r.agency}/${r.localId}`).join(" ")}`).join("\n"),
      );
    }
    return nodes[0]!.id;
  };

  for (const scenario of cases) {
    it(`${scenario.file}: ${scenario.title}`, async () => {
      const problems = rejected.get(scenario.file);
      if (problems) throw new Error(`the case's records did not all import:\n${problems.join("\n")}`);
      const caller = callerClaims(scenario.caller);
      const subjectId = await findOne(caller, scenario.subject, "the subject");
      const answer = await fixture.query<{ subject: Risk }>(caller, RISK, { id: subjectId, asAt: scenario.asAt });
      if (unexpected(answer.errors).length || !answer.data?.subject?.riskAssessment || !answer.data.subject.marac) {
        throw new Error(`the gateway did not answer the risk query as ${caller.name}: ${JSON.stringify(unexpected(answer.errors).length ? answer.errors : answer.data)}`);
      }
      const failures = judge(scenario, answer.data.subject);
      if (process.env.TESSERA_SCENARIO_REPORT) {
        const before = await fixture.query<{ subject: Risk }>(caller, RISK, { id: subjectId, asAt: scenario.asAt, rules: "1.0.0" });
        const want = scenario.expect;
        compared.push(
          `| ${scenario.file} | ${want.level}; ${want.criteriaMet.join(", ") || "none"}; ${want.referralIndicated ? "referral" : "no referral"} | ${outcome(before.data?.subject)} | ${outcome(answer.data.subject)} |`,
        );
      }
      if (scenario.expect.perpetrator) {
        const { subject: search, ...wanted } = scenario.expect.perpetrator;
        const id = search ? await findOne(caller, search, "the perpetrator") : subjectId;
        const profile = await fixture.query<{ subject: Profile }>(caller, PROFILE, { id, asAt: scenario.asAt });
        if (unexpected(profile.errors).length || !profile.data?.subject?.perpetratorProfile) {
          failures.push(failure(scenario, "perpetrator", `the gateway did not answer the perpetrator profile: ${JSON.stringify(profile.errors ?? profile.data)}`));
        } else {
          const actual = profile.data.subject.perpetratorProfile;
          const wrong = Object.entries(wanted).filter(([key, value]) =>
            key === "caveatMatch" ? !new RegExp(value as string, "i").test(actual.caveat ?? "") : key === "evidenceMatch" ? !new RegExp(value as string, "i").test(actual.serialPerpetratorEvidence) : actual[key as keyof typeof actual] !== value,
          );
          if (wrong.length) {
            failures.push(failure(scenario, "perpetrator", `${profile.data.subject.displayName}'s profile should have ${JSON.stringify(wanted)}; it is ${JSON.stringify(actual)}`));
          }
        }
      }
      if (failures.length) throw new Error(`${failures.join("\n\n")}\n\n${picture(answer.data.subject)}`);
    });
  }
});

/**
 * Errors other than an agency's refusal to show this caller its events. A partial view is answered with
 * data and a FORBIDDEN error for each agency field the caller may not read: that is the case being
 * tested, not a failure of it.
 */
function unexpected(errors: { extensions?: Record<string, unknown> }[] | undefined) {
  return (errors ?? []).filter((error) => error.extensions?.code !== "FORBIDDEN");
}

/** Every expectation the answer misses, each with its source. */
function judge(scenario: ScenarioCase, { riskAssessment: risk, marac }: Risk): string[] {
  const { expect: want } = scenario;
  const failures: string[] = [];
  const check = (key: string, ok: boolean, what: string) => {
    if (!ok) failures.push(failure(scenario, key, what));
  };
  check("level", risk.level === want.level, `level should be ${want.level}, is ${risk.level}`);
  check("completeness", risk.completeness === want.completeness, `completeness should be ${want.completeness}, is ${risk.completeness}`);
  const met = (criterion: string) => marac.criteria.find((c) => c.criterion === criterion)?.met;
  const notMet = want.criteriaMet.filter((criterion) => met(criterion) !== true);
  check("criteriaMet", notMet.length === 0, `${notMet.join(", ")} should be met`);
  const wronglyMet = want.criteriaNotMet.filter((criterion) => met(criterion) !== false);
  check("criteriaNotMet", wronglyMet.length === 0, `${wronglyMet.join(", ")} should not be met`);
  check("referralIndicated", marac.referralIndicated === want.referralIndicated, `referralIndicated should be ${want.referralIndicated}: "${marac.indication}"`);
  const missing = want.reasonsMatch.filter((pattern) => !risk.reasons.some((reason) => new RegExp(pattern, "i").test(reason.statement)));
  check("reasonsMatch", missing.length === 0, `no reason says ${missing.map((p) => `/${p}/i`).join(", ")}`);
  check("headlineMatch", new RegExp(want.headlineMatch, "i").test(risk.headline ?? ""), `the headline should match /${want.headlineMatch}/i: "${risk.headline}"`);
  if (want.linkDoubtMatch !== undefined) {
    const pattern = new RegExp(want.linkDoubtMatch, "i");
    check("linkDoubtMatch", risk.reasons.some((reason) => pattern.test(reason.linkDoubt ?? "")), `no reason's linkDoubt matches /${want.linkDoubtMatch}/i`);
  }
  if (want.summaryMatch !== undefined) check("summaryMatch", new RegExp(want.summaryMatch, "i").test(risk.summary), `the summary should match /${want.summaryMatch}/i`);
  if (want.indicationMatch !== undefined) check("indicationMatch", new RegExp(want.indicationMatch, "i").test(marac.indication), `the MARAC indication should match /${want.indicationMatch}/i: "${marac.indication}"`);
  if (want.agenciesNotSeen !== undefined) {
    const notSeen = risk.basis.agenciesNotSeen.map((s) => s.agency).sort();
    check("agenciesNotSeen", JSON.stringify(notSeen) === JSON.stringify([...want.agenciesNotSeen].sort()), `agencies not seen should be ${want.agenciesNotSeen.join(", ")}, are ${notSeen.join(", ") || "none"}`);
  }
  // The issue's contract for every headline (an officer reads it in ten seconds): at most 20 words,
  // the level first, and "At least" before it when the caller's view is partial — but for HIGH, the
  // top of the scale, which nothing unseen could raise.
  const words = (risk.headline ?? "").split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const opening = risk.completeness === "PARTIAL" && risk.level !== "HIGH" ? `At least ${risk.level}` : risk.level;
  if (words > 20 || !(risk.headline ?? "").startsWith(opening)) {
    failures.push(`[headline contract] "${risk.headline}" should begin "${opening}" and have at most 20 words (it has ${words})\n    source: issue 12, "Explanations an officer reads in ten seconds"; /work/spec-12.md, Risk GraphQL output`);
  }
  return failures;
}

function failure(scenario: ScenarioCase, key: string, what: string): string {
  const source = scenario.sources[key];
  return `[${key}] ${what}\n    source: ${source?.source ?? "(none given)"}\n    why: ${source?.reasoning ?? "(none given)"}`;
}

/** A result in a report's cell: "HIGH (PARTIAL); PROFESSIONAL_JUDGEMENT; referral". */
function outcome(subject: Risk | undefined): string {
  if (!subject?.riskAssessment || !subject.marac) return "no answer";
  const met = subject.marac.criteria.filter((criterion) => criterion.met).map((criterion) => criterion.criterion);
  const partial = subject.riskAssessment.completeness === "PARTIAL" ? " (PARTIAL)" : "";
  return `${subject.riskAssessment.level}${partial}; ${met.join(", ") || "none"}; ${subject.marac.referralIndicated ? "referral" : "no referral"}`;
}

/** What Tessera said, whole enough to weigh against the case without running a query by hand. */
function picture(subject: Risk): string {
  const { riskAssessment: risk, marac } = subject;
  return [
    `Tessera said, for ${subject.displayName}: ${risk.level} (${risk.completeness})`,
    `  headline: ${risk.headline}`,
    `  summary: ${risk.summary}`,
    `  criteria: ${CRITERIA.map((c) => `${c} ${marac.criteria.find((m) => m.criterion === c)?.met ? "met" : "not met"}`).join("; ")}`,
    `  referral: ${marac.referralIndicated} — ${marac.indication}`,
    `  reasons:`,
    ...risk.reasons.map((r) => `    - ${r.statement} [${r.ruleId}, ${r.contribution}${r.linkDoubt ? `; ${r.linkDoubt}` : ""}]`),
    `  not seen: ${risk.basis.agenciesNotSeen.map((s) => s.agency).join(", ") || "none"}; areas ${risk.basis.areas.join(", ")}; rules ${risk.basis.ruleSetVersion}`,
  ].join("\n");
}
