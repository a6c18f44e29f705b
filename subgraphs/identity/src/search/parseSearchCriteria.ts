import { InvalidInput, badUserInput, isValidNhsNumber, isValidPncId, normaliseName, normaliseNhsNumber, normalisePostcode, parseDateOfBirth, pncIdKey } from "@tessera/kit";
import { DEFAULT_SEARCH_PAGE, MAX_SEARCH_PAGE, type SearchSubjectsArgs } from "./SearchSubjectsArgs";
import { decodeSubjectCursor } from "./subjectCursor";

/** Search criteria in the forms records are stored in; a subject matches when one record meets them all. */
export interface SearchCriteria {
  nameTokens?: string[];
  dateOfBirth?: string;
  nhsNumber?: string;
  pncId?: string;
  postcode?: string;
  first: number;
  after?: string;
}

/**
 * Checks the search arguments and normalises them as registration did, so "o'brien" finds
 * "O'Brien" and "943 476 5919" finds 9434765919. Needs at least one criterion: an empty search
 * would page through everyone identity knows.
 */
export function parseSearchCriteria(args: SearchSubjectsArgs): SearchCriteria {
  const first = args.first ?? DEFAULT_SEARCH_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_PAGE) throw badUserInput("first", `must be between 1 and ${MAX_SEARCH_PAGE}`);
  const criteria: SearchCriteria = { first };
  if (given(args.name)) {
    const tokens = normaliseName(args.name).split(" ").filter(Boolean);
    if (tokens.length === 0) throw badUserInput("name", "must contain letters");
    criteria.nameTokens = [...new Set(tokens)];
  }
  if (given(args.dateOfBirth)) {
    try {
      criteria.dateOfBirth = parseDateOfBirth("dateOfBirth", args.dateOfBirth);
    } catch (error) {
      if (error instanceof InvalidInput) throw error.toGraphQLError();
      throw error;
    }
  }
  if (given(args.nhsNumber)) {
    if (!isValidNhsNumber(args.nhsNumber)) throw badUserInput("nhsNumber", "must be 10 digits passing the modulus-11 check");
    criteria.nhsNumber = normaliseNhsNumber(args.nhsNumber);
  }
  if (given(args.pncId)) {
    const key = isValidPncId(args.pncId) ? pncIdKey(args.pncId) : undefined;
    if (!key) throw badUserInput("pncId", "must be a PNC ID YYYY/NNNNNNNC with a valid check letter");
    criteria.pncId = key;
  }
  if (given(args.postcode)) {
    const postcode = normalisePostcode(args.postcode);
    if (!postcode) throw badUserInput("postcode", "must be a UK postcode");
    criteria.postcode = postcode;
  }
  if (!criteria.nameTokens && !criteria.dateOfBirth && !criteria.nhsNumber && !criteria.pncId && !criteria.postcode) {
    throw badUserInput("name", "give at least one of name, dateOfBirth, nhsNumber, pncId, postcode");
  }
  if (given(args.after)) criteria.after = decodeSubjectCursor(args.after);
  return criteria;
}

function given(value: string | null | undefined): value is string {
  return typeof value === "string" && value.trim() !== "";
}
