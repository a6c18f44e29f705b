import { Counterpart, type ServiceContext } from "@tessera/kit";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { POLICE_AGENCY } from "../agency";
import { DashAssessment } from "../dash/DashAssessment";
import { loadLatestVictimDash, victimDashKey } from "../dash/loadLatestVictimDash";
import { loadOccurrenceInvolvements, type OccurrenceInvolvement } from "../involvements/loadOccurrenceInvolvements";
import { SUBJECT_ROLE_OF } from "../involvements/subjectRoleOf";
import { PoliceEvent } from "./PoliceEvent";

/** The parts of a police event that need more rows, each batched per request through a DataLoader. */
@Resolver(() => PoliceEvent)
export class PoliceEventResolver {
  @FieldResolver(() => [Counterpart], { description: "Everyone else involved in the occurrence, in their recorded roles, with how each is related to the subject's nominal where the force recorded it." })
  async counterparts(@Root() event: PoliceEvent, @Ctx() context: ServiceContext): Promise<Counterpart[]> {
    if (!event.occurrenceId) return [];
    const involvements = await context.loaders
      .get<string, OccurrenceInvolvement[]>("police:occurrenceInvolvements", (ids) => loadOccurrenceInvolvements(context, ids))
      .load(event.occurrenceId);
    return involvements
      .filter((involvement) => involvement.nominalId !== event.recordId)
      .map((involvement) => ({
        role: SUBJECT_ROLE_OF[involvement.role],
        person: { agency: POLICE_AGENCY, localId: involvement.nominalId },
        relationship: involvement.relatedTo[event.recordId] ?? null,
      }));
  }

  @FieldResolver(() => DashAssessment, {
    nullable: true,
    description: "The latest DASH or DARA assessment of the subject's nominal as victim of this occurrence (for a MARAC referral: of the occurrence that prompted it).",
  })
  dash(@Root() event: PoliceEvent, @Ctx() context: ServiceContext): Promise<DashAssessment | null> | null {
    if (!event.occurrenceId) return null;
    return context.loaders
      .get<string, DashAssessment | null>("police:latestVictimDash", (keys) => loadLatestVictimDash(context, keys))
      .load(victimDashKey(event.occurrenceId, event.recordId));
  }
}
