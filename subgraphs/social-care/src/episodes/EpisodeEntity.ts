import { Column, Entity, PrimaryColumn } from "typeorm";
import type { EpisodeCategory } from "./EpisodeCategory";
import type { EpisodeKind } from "./EpisodeKind";

/** A referral, enquiry or plan, about the client who is its subject. */
@Entity({ name: "episode" })
export class EpisodeEntity {
  @PrimaryColumn({ type: "text" })
  id: string;

  @Column({ type: "text" })
  council: string;

  @Column({ name: "client_id", type: "text" })
  clientId: string;

  @Column({ type: "text" })
  kind: EpisodeKind;

  @Column({ name: "started_at", type: "timestamptz" })
  startedAt: Date;

  @Column({ name: "ended_at", type: "timestamptz", nullable: true })
  endedAt: Date | null;

  @Column({ type: "text", nullable: true })
  outcome: string | null;

  @Column({ type: "text", nullable: true })
  category: EpisodeCategory | null;

  @Column({ type: "text", nullable: true })
  summary: string | null;

  @Column({ name: "unborn_child", type: "boolean" })
  unbornChild: boolean;
}
