import type { RecordTypes } from "@tessera/kit";
import { clientRecord } from "./clientRecord";
import { episodeInvolvementRecord } from "./episodeInvolvementRecord";
import { episodeRecord } from "./episodeRecord";
import { householdMemberRecord } from "./householdMemberRecord";

export type { ClientRow } from "./clientRecord";
export type { EpisodeInvolvementRow } from "./episodeInvolvementRecord";
export type { EpisodeRow } from "./episodeRecord";
export type { HouseholdMemberRow } from "./householdMemberRecord";

/** In dependency order: clients, then episodes, then the links between them. */
export const recordTypes: RecordTypes = [clientRecord, episodeRecord, episodeInvolvementRecord, householdMemberRecord];
