import { defineAgencySubject } from "@tessera/kit";
import { POLICE_AGENCY } from "../agency";
import { loadPoliceEvents } from "./loadPoliceEvents";
import { PoliceEvent } from "./PoliceEvent";
import { POLICE_EVENT_KINDS } from "./policeEventKinds";

/** `Subject.policeEvents`: what the forces hold on a subject, across all of their nominals. */
export const policeSubject = defineAgencySubject({
  agency: POLICE_AGENCY,
  field: "policeEvents",
  eventType: PoliceEvent,
  kinds: POLICE_EVENT_KINDS,
  description: "Occurrences the subject's police nominals are involved in, and their MARAC referrals as victim, newest first.",
  loadEvents: loadPoliceEvents,
});
