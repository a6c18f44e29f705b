import {
  InvalidInput,
  SEXES,
  isValidNhsNumber,
  isValidPncId,
  normaliseEmail,
  normaliseName,
  normaliseNhsNumber,
  normalisePostcode,
  normaliseUkPhone,
  oneOf,
  optionalText,
  parseDateOfBirth,
  pncIdKey,
  recordId,
  requiredText,
  type Sex,
} from "@tessera/kit";
import type { RecordKey } from "../linkage/RecordKey";

/** The largest batch one request may carry: the relay sends 500; a bulk re-link may send more. */
export const MAX_REGISTRATION_BATCH = 1000;

/** One thing wrong with a registration request; `index` is the registration's place in the batch. */
export interface RegistrationError {
  index: number | null;
  field: string;
  reason: string;
}

/** A registration checked and put in the forms identity stores and compares. */
export interface ValidRegistration extends RecordKey {
  area: string;
  givenNames: string;
  familyName: string;
  /** The full name folded by the kit's `normaliseName`: what subject search matches. */
  nameKey: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string;
  sex?: Sex;
  /** `LS6 2AB`. */
  postcode?: string;
  /** Ten digits, modulus-11 valid. */
  nhsNumber?: string;
  /** `YY/NNNNNNNC`, the short form both PNC ID forms reduce to (the kit's `pncIdKey`). */
  pncId?: string;
  email?: string;
  /** National digits, `07700900123`. */
  phone?: string;
}

export type ParsedRegistrations = { registrations: ValidRegistration[]; errors?: undefined } | { errors: RegistrationError[] };

/**
 * Validates a `{ "registrations": PersonRegistration[] }` body, all of it: every error of every
 * registration is reported, so an agency fixes a batch in one go, and any error rejects the batch.
 * Agencies validated the same fields with the same kit validators, so an error here means an
 * agency out of step with the contract, not a typing slip.
 */
export function parseRegistrations(body: unknown, now = new Date()): ParsedRegistrations {
  const list = (body as { registrations?: unknown } | undefined)?.registrations;
  if (!Array.isArray(list)) return { errors: [{ index: null, field: "registrations", reason: "must be an array of registrations" }] };
  if (list.length > MAX_REGISTRATION_BATCH) {
    return { errors: [{ index: null, field: "registrations", reason: `must hold at most ${MAX_REGISTRATION_BATCH} registrations; send more in several requests` }] };
  }
  const errors: RegistrationError[] = [];
  const registrations: ValidRegistration[] = [];
  list.forEach((item: unknown, index) => {
    const parsed = parseRegistration(item, now, (field, reason) => errors.push({ index, field, reason }));
    if (parsed) registrations.push(parsed);
  });
  return errors.length ? { errors } : { registrations };
}

type Report = (field: string, reason: string) => void;

function parseRegistration(item: unknown, now: Date, report: Report): ValidRegistration | undefined {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    report("registration", "must be an object");
    return undefined;
  }
  const input = item as Record<string, unknown>;
  const failures: InvalidInput[] = [];
  const read = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      failures.push(error);
      return undefined;
    }
  };

  const agency = read(() => agencyCode(input.agency));
  const localId = read(() => recordId("localId", input.localId) ?? fail("localId", "is required"));
  const area = read(() => requiredText("area", input.area, 40));
  const givenNames = read(() => nameText("givenNames", input.givenNames));
  const familyName = read(() => nameText("familyName", input.familyName));
  const dateOfBirth = read(() => (present(input.dateOfBirth) ? parseDateOfBirth("dateOfBirth", input.dateOfBirth, now) : undefined));
  const sex = read(() => (present(input.sex) ? oneOf("sex", input.sex, SEXES) : undefined));
  const postcode = read(() => optional(input.postcode, "postcode", normalisePostcode, "must be a UK postcode"));
  const nhsNumber = read(() =>
    optional(input.nhsNumber, "nhsNumber", (value) => (isValidNhsNumber(value) ? normaliseNhsNumber(value) : undefined), "must be 10 digits passing the modulus-11 check"),
  );
  const pncId = read(() => optional(input.pncId, "pncId", (value) => (isValidPncId(value) ? pncIdKey(value) : undefined), "must be a PNC ID YYYY/NNNNNNNC with a valid check letter"));
  const email = read(() => optional(input.email, "email", normaliseEmail, "must be an email address", 254));
  const phone = read(() => optional(input.phone, "phone", normaliseUkPhone, "must be a UK telephone number"));

  for (const failure of failures) report(failure.field, failure.reason);
  if (failures.length || !agency || !localId || !area || !givenNames || !familyName) return undefined;
  return {
    agency,
    localId,
    area,
    givenNames,
    familyName,
    nameKey: normaliseName(`${givenNames} ${familyName}`),
    ...(dateOfBirth ? { dateOfBirth } : {}),
    ...(sex ? { sex } : {}),
    ...(postcode ? { postcode } : {}),
    ...(nhsNumber ? { nhsNumber } : {}),
    ...(pncId ? { pncId } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
  };
}

/** Agency codes are how records are filed and named (`police/NMC-N-1`): lower case, e.g. `social-care`. */
export function agencyCode(value: unknown): string {
  const code = requiredText("agency", value, 40);
  if (!/^[a-z][a-z0-9-]*$/.test(code)) fail("agency", "must be an agency code in lower case, e.g. police or social-care");
  return code;
}

/** A name must keep some letters once folded, or every such record would share one name. */
function nameText(field: string, value: unknown): string {
  const text = requiredText(field, value);
  if (normaliseName(text) === "") fail(field, "must contain letters");
  return text;
}

function optional(value: unknown, field: string, normalise: (text: string) => string | undefined, reason: string, maxLength = 40): string | undefined {
  const text = optionalText(field, value, maxLength);
  if (text === undefined) return undefined;
  return normalise(text) ?? fail(field, reason);
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

function fail(field: string, reason: string): never {
  throw new InvalidInput(field, reason);
}
