import { defineAgencySubject } from "@tessera/kit";
import { SOCIAL_CARE_AGENCY } from "../agency";
import { EPISODE_KINDS } from "../episodes/EpisodeKind";
import { CareEvent } from "./CareEvent";
import { loadCareEvents } from "./loadCareEvents";

/** `Subject.careEvents`; defined once per process, as type-graphql keeps one registry of types. */
export const careSubject = defineAgencySubject({
  agency: SOCIAL_CARE_AGENCY,
  field: "careEvents",
  eventType: CareEvent,
  kinds: EPISODE_KINDS,
  description: "Social care episodes (referrals, enquiries, plans) the subject is the subject of or involved in, newest first.",
  loadEvents: loadCareEvents,
});
