/** The agency code identity files police records under, in registrations and in `PersonRef`s. */
export const POLICE_AGENCY = "police";
