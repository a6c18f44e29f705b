import { Entity, PrimaryColumn } from "typeorm";
import type { InvolvementRole } from "./InvolvementRole";

/** Another client's part in an episode; one client may play several parts in the same episode. */
@Entity({ name: "episode_involvement" })
export class EpisodeInvolvementEntity {
  @PrimaryColumn({ name: "episode_id", type: "text" })
  episodeId: string;

  @PrimaryColumn({ name: "client_id", type: "text" })
  clientId: string;

  @PrimaryColumn({ type: "text" })
  role: InvolvementRole;
}
