import { SafeguardingEvent } from "@tessera/kit";
import { Field, ObjectType } from "type-graphql";
import { MaracReferralCriterion } from "../marac/MaracReferralCriterion";
import { OccurrenceVictimRisk } from "./OccurrenceVictimRisk";

/**
 * A subject's police event: an occurrence one of their nominals is involved in, or a MARAC referral
 * of one of their nominals as victim. `recordId` is that nominal: counterparts leave it out, and the
 * DASH is theirs. `counterparts` and `dash` are resolved by PoliceEventResolver.
 */
@ObjectType("PoliceEvent", {
  implements: SafeguardingEvent,
  description:
    "An occurrence a subject's nominal (recordId) is involved in (kind = its category), or a MARAC referral (kind MARAC_REFERRAL). Its markers are those recorded on the occurrence, those the YES answers of a DASH checklist on it give (a victim's own checklist for her event; every victim's for a suspect's or anyone else's), and those its category implies (subgraphs/police/config/markers.json); a MARAC referral has those of the occurrence that prompted it.",
})
export class PoliceEvent extends SafeguardingEvent {
  @Field(() => Date, { nullable: true, description: "When the force was told; null for a MARAC referral." })
  reportedAt: Date | null;

  @Field(() => Boolean, { description: "Flagged as domestic abuse by the force; always true for a MARAC referral." })
  domesticAbuse: boolean;

  @Field(() => String, { nullable: true })
  locationPostcode: string | null;

  @Field(() => String, { nullable: true })
  summary: string | null;

  @Field(() => MaracReferralCriterion, { nullable: true, description: "For a MARAC referral: why the victim was referred." })
  maracCriterion: MaracReferralCriterion | null;

  @Field(() => OccurrenceVictimRisk, { nullable: true, description: "How the occurrence's victims were assessed and whether one was referred to MARAC; null for a MARAC referral." })
  victimRisk: OccurrenceVictimRisk | null;

  /** The occurrence this event is, or that prompted the referral: counterparts and the DASH hang off it. */
  occurrenceId: string | null;
}
