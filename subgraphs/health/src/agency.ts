/** The code identity files health records under, and that counterparts carry in `PersonRef.agency`. */
export const HEALTH_AGENCY = "health";
