import { Classification } from "@tessera/kit";
import type { EpisodeCategory } from "../episodes/EpisodeCategory";
import { EpisodeKind } from "../episodes/EpisodeKind";

/** Enquiries and plans exist only because abuse or neglect is suspected or established. */
const SAFEGUARDING_KINDS: readonly EpisodeKind[] = [EpisodeKind.SECTION_47_ENQUIRY, EpisodeKind.CHILD_PROTECTION_PLAN, EpisodeKind.SECTION_42_ENQUIRY];

/**
 * OFFICIAL-SENSITIVE when the episode is about abuse or neglect: a safeguarding enquiry or plan, or
 * any episode recorded with a category of abuse. A referral or a child-in-need episode without one is
 * OFFICIAL.
 */
export function classifyEpisode(kind: EpisodeKind, category: EpisodeCategory | null): Classification {
  return SAFEGUARDING_KINDS.includes(kind) || category !== null ? Classification.OFFICIAL_SENSITIVE : Classification.OFFICIAL;
}
