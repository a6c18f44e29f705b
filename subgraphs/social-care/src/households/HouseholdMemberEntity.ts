import { Column, Entity, PrimaryColumn } from "typeorm";
import type { HouseholdRelationship } from "./HouseholdRelationship";

/** Two clients in one household, and how the first is related to the second. */
@Entity({ name: "household_member" })
export class HouseholdMemberEntity {
  @PrimaryColumn({ name: "client_id", type: "text" })
  clientId: string;

  @PrimaryColumn({ name: "member_client_id", type: "text" })
  memberClientId: string;

  @Column({ type: "text" })
  relationship: HouseholdRelationship;
}
