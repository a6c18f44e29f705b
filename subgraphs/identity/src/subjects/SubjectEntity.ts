import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";

/** One person, as identity knows them: nothing but an id; who they are is in their person records. */
@Entity({ name: "subject" })
export class SubjectEntity {
  @PrimaryColumn({ type: "uuid" })
  id: string;

  /** Merges keep the older subject, so ids people have bookmarked survive. */
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  /** The share of its record pairs the model finds plausible or a reviewer confirmed (1 for one record). */
  @Column({ type: "double precision", default: 1 })
  support: number;
}
