import { defineAgencySubject } from "@tessera/kit";
import { HEALTH_AGENCY } from "../agency";
import { HealthEvent } from "./HealthEvent";
import { HEALTH_EVENT_KINDS } from "./healthEventKinds";
import { loadHealthEvents } from "./loadHealthEvents";

/** `Subject.healthEvents`: the encounters of, and concerns about, every patient record identity links to the subject. */
export const healthSubject = defineAgencySubject({
  agency: HEALTH_AGENCY,
  field: "healthEvents",
  eventType: HealthEvent,
  kinds: HEALTH_EVENT_KINDS,
  description: "The subject's encounters and the safeguarding concerns raised about them, newest first, from every linked patient record.",
  loadEvents: loadHealthEvents,
});
