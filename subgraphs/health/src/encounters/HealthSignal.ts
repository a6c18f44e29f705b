import { registerEnumType } from "type-graphql";

/**
 * What a clinician coded at an encounter that safeguarding weighs on its own (DOMAIN.md, Risk
 * models: homicide markers; issue 12), so that it no longer hides in a free-text complaint.
 */
export enum HealthSignal {
  PREGNANT = "PREGNANT",
  POSTNATAL = "POSTNATAL",
  OVERDOSE = "OVERDOSE",
  SELF_HARM = "SELF_HARM",
  MENTAL_HEALTH_CRISIS = "MENTAL_HEALTH_CRISIS",
  NON_FATAL_STRANGULATION = "NON_FATAL_STRANGULATION",
}
registerEnumType(HealthSignal, {
  name: "HealthSignal",
  description: "A coded fact about a patient at an encounter that safeguarding weighs on its own.",
  valuesConfig: {
    PREGNANT: { description: "The patient is pregnant (implied by a gestation in weeks)." },
    POSTNATAL: { description: "The patient gave birth within the last 12 months." },
    OVERDOSE: { description: "The patient took an overdose." },
    SELF_HARM: { description: "The patient harmed themself." },
    MENTAL_HEALTH_CRISIS: { description: "The patient presented in a mental health crisis." },
    NON_FATAL_STRANGULATION: { description: "The patient was strangled or suffocated, or said so." },
  },
});
/** In declaration order: signals are stored in it, so the same set is always the same value. */
export const HEALTH_SIGNALS = Object.values(HealthSignal);
