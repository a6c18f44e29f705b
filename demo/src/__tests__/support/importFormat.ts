import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { isValidNhsNumber, isValidPncId, normalisePostcode } from "@tessera/kit";

/**
 * An independent reading of docs/import-format.md: every rule that can be checked without a
 * database, written from the document rather than from the generator, so the generator cannot
 * agree with itself by accident.
 */
const SEXES = ["FEMALE", "MALE", "INDETERMINATE", "NOT_KNOWN"];
const CATEGORIES = ["DOMESTIC_INCIDENT", "COMMON_ASSAULT", "ASSAULT_OCCASIONING_ABH", "GBH", "THREATS_TO_KILL", "STALKING_HARASSMENT", "COERCIVE_CONTROL", "SEXUAL_ASSAULT", "RAPE", "CRIMINAL_DAMAGE", "BREACH_OF_ORDER", "OTHER"];
const INVOLVEMENT_ROLES = ["VICTIM", "SUSPECT", "OFFENDER", "WITNESS", "OTHER"];
const GRADINGS = ["STANDARD", "MEDIUM", "HIGH"];
const CRITERIA = ["VISIBLE_HIGH_RISK", "POTENTIAL_ESCALATION", "REPEAT", "PROFESSIONAL_JUDGEMENT"];
const SETTINGS = ["EMERGENCY_DEPARTMENT", "MINOR_INJURY_UNIT", "MATERNITY", "GP", "SEXUAL_ASSAULT_REFERRAL_CENTRE"];
const CONCERNS = ["DOMESTIC_ABUSE", "SEXUAL_VIOLENCE", "CHILD_PROTECTION", "ADULT_SAFEGUARDING"];
const EPISODE_KINDS = ["REFERRAL", "SECTION_47_ENQUIRY", "CHILD_PROTECTION_PLAN", "CHILD_IN_NEED", "SECTION_42_ENQUIRY"];
const PLAN_CATEGORIES = ["NEGLECT", "PHYSICAL_ABUSE", "EMOTIONAL_ABUSE", "SEXUAL_ABUSE", "MULTIPLE"];
const EPISODE_ROLES = ["PARENT_OR_CARER", "HOUSEHOLD_MEMBER", "ALLEGED_PERPETRATOR", "OTHER"];
const RELATIONSHIPS = ["PARENT_OF", "CHILD_OF", "PARTNER_OF", "SIBLING_OF", "OTHER_ADULT"];

/** The record types of each file, in the order the document lists them. */
export const DOCUMENTED_TYPES: Record<string, string[]> = {
  police: ["nominal", "occurrence", "involvement", "dashAssessment", "maracReferral"],
  health: ["patient", "encounter", "safeguardingConcern"],
  "social-care": ["client", "episode", "episodeInvolvement", "householdMember"],
};

const FIELDS: Record<string, string[]> = {
  nominal: ["id", "force", "givenNames", "familyName", "dateOfBirth", "sex", "pncId", "addresses"],
  occurrence: ["id", "force", "category", "domesticAbuse", "occurredAt", "reportedAt", "location", "summary"],
  involvement: ["occurrenceId", "nominalId", "role"],
  dashAssessment: ["id", "occurrenceId", "victimNominalId", "assessedAt", "tool", "answers", "officerGrading"],
  maracReferral: ["id", "victimNominalId", "occurrenceId", "referredAt", "criterion"],
  patient: ["id", "trust", "nhsNumber", "givenNames", "familyName", "dateOfBirth", "sex", "postcode", "registeredPractice"],
  encounter: ["id", "patientId", "trust", "setting", "occurredAt", "presentingComplaint", "injury", "injuryDescription", "disclosedAbuse", "allegedPerpetratorName", "allegedPerpetratorPatientId"],
  safeguardingConcern: ["id", "patientId", "encounterId", "raisedAt", "category", "summary"],
  client: ["id", "council", "givenNames", "familyName", "dateOfBirth", "sex", "postcode", "nhsNumber"],
  episode: ["id", "council", "clientId", "kind", "startedAt", "endedAt", "outcome", "category", "summary"],
  episodeInvolvement: ["episodeId", "clientId", "role"],
  householdMember: ["clientId", "memberClientId", "relationship"],
};

export interface FileCheck {
  lines: number;
  types: Record<string, number>;
  violations: string[];
}

type Line = Record<string, unknown>;

/** Checks one agency's NDJSON file line by line. */
export async function checkImportFile(agency: string, file: string, asOf: string): Promise<FileCheck> {
  const order = DOCUMENTED_TYPES[agency]!;
  const seen = new Map<string, Set<string>>(order.map((type) => [type, new Set<string>()]));
  const naturalKeys = new Set<string>();
  const result: FileCheck = { lines: 0, types: {}, violations: [] };
  let lastTypeIndex = 0;
  const asOfTime = Date.parse(asOf);
  const asOfDate = asOf.slice(0, 10);

  for await (const text of createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity })) {
    result.lines += 1;
    const n = result.lines;
    const fail = (message: string) => result.violations.push(`${agency}:${n}: ${message}`);
    const record = JSON.parse(text) as Line;
    const type = String(record.type);
    const typeIndex = order.indexOf(type);
    if (typeIndex < 0) {
      fail(`unknown type ${type}`);
      continue;
    }
    if (typeIndex < lastTypeIndex) fail(`${type} after ${order[lastTypeIndex]}: people, then events, then links`);
    lastTypeIndex = Math.max(lastTypeIndex, typeIndex);
    result.types[type] = (result.types[type] ?? 0) + 1;
    for (const key of Object.keys(record)) if (key !== "type" && !FIELDS[type]!.includes(key)) fail(`${type}.${key} is not in the format`);

    const field = (name: string) => record[name];
    const required = (name: string) => {
      const value = field(name);
      if (typeof value !== "string" || value.trim() === "") fail(`${type}.${name} is required`);
      return typeof value === "string" ? value : "";
    };
    const id = (name: string) => {
      const value = required(name);
      if (!/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/.test(value)) fail(`${type}.${name} ${value} is not an id`);
      return value;
    };
    const ref = (name: string, target: string, optional = false) => {
      const value = field(name);
      if (optional && value === undefined) return;
      if (typeof value !== "string" || !seen.get(target)!.has(value)) fail(`${type}.${name} ${String(value)} is not a ${target} on an earlier line`);
    };
    const oneOf = (name: string, allowed: string[], optional = false) => {
      const value = field(name);
      if (optional && value === undefined) return;
      if (typeof value !== "string" || !allowed.includes(value)) fail(`${type}.${name} ${String(value)} is not one of the documented values`);
    };
    const date = (value: unknown, name: string) => {
      if (value === undefined) return;
      if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) return fail(`${type}.${name} ${String(value)} is not a date`);
      if (value > asOfDate) fail(`${type}.${name} ${value} is in the future`);
      if (value < "1900-01-01") fail(`${type}.${name} ${value} is before 1900`);
    };
    const time = (name: string, optional = false): number => {
      const value = field(name);
      if (optional && value === undefined) return Number.NaN;
      if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
        fail(`${type}.${name} ${String(value)} is not an ISO 8601 time with a zone`);
        return Number.NaN;
      }
      if (Date.parse(value) > asOfTime) fail(`${type}.${name} ${value} is in the future`);
      return Date.parse(value);
    };
    const boolean = (name: string) => {
      const value = field(name);
      if (value !== undefined && typeof value !== "boolean") fail(`${type}.${name} must be true or false`);
    };
    const postcode = (value: unknown, name: string) => {
      if (value === undefined) return;
      if (typeof value !== "string" || !normalisePostcode(value)) fail(`${type}.${name} ${String(value)} is not a UK postcode`);
    };
    const nhsNumber = () => {
      const value = field("nhsNumber");
      if (value !== undefined && (typeof value !== "string" || !isValidNhsNumber(value))) fail(`${type}.nhsNumber ${String(value)} fails the modulus-11 check`);
    };
    const person = () => {
      required("givenNames");
      required("familyName");
      date(field("dateOfBirth"), "dateOfBirth");
      oneOf("sex", SEXES, true);
    };
    const unique = (key: string) => {
      if (naturalKeys.has(key)) fail(`${type} ${key} is a duplicate`);
      naturalKeys.add(key);
    };

    let ownId: string | undefined;
    switch (type) {
      case "nominal": {
        ownId = id("id");
        if (!/^[A-Z]{2,6}$/.test(required("force"))) fail("nominal.force is not a force code");
        person();
        const pnc = field("pncId");
        if (pnc !== undefined && (typeof pnc !== "string" || !isValidPncId(pnc))) fail(`nominal.pncId ${String(pnc)} fails the PNC check`);
        const addresses = field("addresses");
        if (addresses !== undefined) {
          if (!Array.isArray(addresses)) fail("nominal.addresses must be a list");
          else for (const address of addresses as Line[]) {
            if (address.postcode === undefined) fail("nominal.addresses.postcode is required");
            postcode(address.postcode, "addresses.postcode");
            date(address.from, "addresses.from");
            date(address.to, "addresses.to");
          }
        }
        break;
      }
      case "occurrence": {
        ownId = id("id");
        if (!/^[A-Z]{2,6}$/.test(required("force"))) fail("occurrence.force is not a force code");
        oneOf("category", CATEGORIES);
        const occurred = time("occurredAt");
        const reported = time("reportedAt", true);
        if (reported < occurred) fail("occurrence.reportedAt is before occurredAt");
        boolean("domesticAbuse");
        postcode((field("location") as Line | undefined)?.postcode, "location.postcode");
        break;
      }
      case "involvement":
        ref("occurrenceId", "occurrence");
        ref("nominalId", "nominal");
        oneOf("role", INVOLVEMENT_ROLES);
        unique(`involvement ${String(field("occurrenceId"))} ${String(field("nominalId"))} ${String(field("role"))}`);
        break;
      case "dashAssessment": {
        ownId = id("id");
        ref("occurrenceId", "occurrence");
        ref("victimNominalId", "nominal");
        time("assessedAt");
        if (field("tool") !== "DASH" && field("tool") !== "DARA") fail("dashAssessment.tool must be DASH or DARA");
        const answers = field("answers");
        if (!Array.isArray(answers) || (field("tool") === "DASH" && answers.length !== 27) || answers.some((a) => !["YES", "NO", "NOT_KNOWN"].includes(a as string))) fail("dashAssessment.answers must be 27 YES/NO/NOT_KNOWN");
        oneOf("officerGrading", GRADINGS, true);
        // The yes-count bands are a floor: an officer may grade higher, never lower.
        const yes = Array.isArray(answers) ? answers.filter((a) => a === "YES").length : 0;
        const floor = yes >= 14 ? 2 : yes >= 10 ? 1 : 0;
        const grading = field("officerGrading");
        if (typeof grading === "string" && GRADINGS.indexOf(grading) < floor) fail(`dashAssessment graded ${grading} below its ${yes} yes answers`);
        break;
      }
      case "maracReferral":
        ownId = id("id");
        ref("victimNominalId", "nominal");
        ref("occurrenceId", "occurrence", true);
        time("referredAt");
        oneOf("criterion", CRITERIA);
        break;
      case "patient":
        ownId = id("id");
        required("trust");
        nhsNumber();
        person();
        postcode(field("postcode"), "postcode");
        break;
      case "encounter":
        ownId = id("id");
        ref("patientId", "patient");
        required("trust");
        oneOf("setting", SETTINGS);
        time("occurredAt");
        boolean("injury");
        boolean("disclosedAbuse");
        ref("allegedPerpetratorPatientId", "patient", true);
        break;
      case "safeguardingConcern":
        ownId = id("id");
        ref("patientId", "patient");
        ref("encounterId", "encounter", true);
        time("raisedAt");
        oneOf("category", CONCERNS);
        break;
      case "client":
        ownId = id("id");
        required("council");
        nhsNumber();
        person();
        postcode(field("postcode"), "postcode");
        break;
      case "episode": {
        ownId = id("id");
        required("council");
        ref("clientId", "client");
        oneOf("kind", EPISODE_KINDS);
        const started = time("startedAt");
        const ended = time("endedAt", true);
        if (ended < started) fail("episode.endedAt is before startedAt");
        oneOf("category", PLAN_CATEGORIES, true);
        break;
      }
      case "episodeInvolvement":
        ref("episodeId", "episode");
        ref("clientId", "client");
        oneOf("role", EPISODE_ROLES);
        unique(`episodeInvolvement ${String(field("episodeId"))} ${String(field("clientId"))} ${String(field("role"))}`);
        break;
      case "householdMember":
        ref("clientId", "client");
        ref("memberClientId", "client");
        oneOf("relationship", RELATIONSHIPS);
        if (field("clientId") === field("memberClientId")) fail("householdMember links a client to themself");
        unique(`householdMember ${String(field("clientId"))} ${String(field("memberClientId"))}`);
        break;
    }
    if (ownId !== undefined) {
      if (seen.get(type)!.has(ownId)) fail(`${type} id ${ownId} is used twice`);
      seen.get(type)!.add(ownId);
    }
  }
  return result;
}
