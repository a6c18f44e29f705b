/**
 * Who is asking, for what, as a verified token says. Every policy decision and every access-log
 * entry is made from one of these; nothing a caller sends outside the token (bar the justification)
 * changes it.
 */
export const PURPOSES = ["investigation", "safeguarding", "direct_care", "disclosure_scheme", "audit"] as const;
export type Purpose = (typeof PURPOSES)[number];

export const PURPOSE_DESCRIPTIONS: Record<Purpose, string> = {
  investigation: "a criminal investigation (DPA 2018 Part 3, law-enforcement purposes)",
  safeguarding: "safeguarding a child or an adult at risk (DPA 2018 Schedule 8 and Schedule 1 para 18)",
  direct_care: "the individual's own health or social care (UK GDPR Art 9(2)(h))",
  disclosure_scheme: "a Domestic Violence Disclosure Scheme (Clare's Law) application",
  audit: "checking that access was lawful (DPA 2018 s62(4)): reads the access log, never the records",
};

/** A service account's role: agencies' relays registering people with identity. */
export const SERVICE_ROLE = "service";

export interface Caller {
  /** The token's `sub`: the user's stable id at their organisation. */
  user: string;
  /** The token's `name`: shown in logs and on decisions. */
  name: string;
  /** `police`, `health`, `social-care`, or a partner's agency code: one config/callers.json declares. */
  agency: string;
  roles: readonly string[];
  /** The caller's force, trust or council code: one declared for their agency, and the only area they write in. */
  area: string;
  purpose: Purpose;
  /**
   * Why this request needs more than the caller's default tier, from the `x-tessera-justification`
   * header: it belongs to one request, not to the login, so it is not a claim.
   */
  justification?: string;
}

/** The header that carries a request's justification. */
export const JUSTIFICATION_HEADER = "x-tessera-justification";

export class InvalidClaims extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidClaims";
  }
}

/** The Tessera claims of a verified token payload; throws {@link InvalidClaims} naming what is wrong. */
export function callerFromClaims(payload: Record<string, unknown>): Caller {
  const text = (claim: string): string => {
    const value = payload[claim];
    if (typeof value !== "string" || value.trim() === "") throw new InvalidClaims(`the token has no ${claim} claim`);
    return value.trim();
  };
  const roles = payload.roles;
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => typeof r === "string" && r.trim() !== "")) {
    throw new InvalidClaims("the token's roles claim must be a non-empty list of role names");
  }
  const purpose = text("purpose");
  if (!(PURPOSES as readonly string[]).includes(purpose)) {
    throw new InvalidClaims(`the token's purpose ${JSON.stringify(purpose)} is not one of ${PURPOSES.join(", ")}`);
  }
  return { user: text("sub"), name: text("name"), agency: text("agency"), roles: roles.map((r: string) => r.trim()), area: text("area"), purpose: purpose as Purpose };
}
