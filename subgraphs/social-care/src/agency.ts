/**
 * The code identity files this subgraph's person records under (`AgencyRecordLink.agency`) and the
 * `agency` of its events and counterparts: one constant, so a record registered with identity and an
 * event naming its people always agree.
 */
export const SOCIAL_CARE_AGENCY = "social-care";
