import { SubjectRole, type ServiceContext } from "@tessera/kit";

export interface EpisodeParticipant {
  clientId: string;
  role: SubjectRole;
}

/**
 * Everyone in an episode — its subject (SUBJECT_OF_CONCERN) and each involved client in each part
 * they play — for every episode in the request, in one statement.
 */
export function loadEpisodeParticipants(context: ServiceContext, episodeId: string): Promise<EpisodeParticipant[]> {
  const loader = context.loaders.get<string, EpisodeParticipant[]>("episodeParticipants", async (episodeIds) => {
    const rows: { episode_id: string; client_id: string; role: SubjectRole }[] = await context.db.query(
      `SELECT id AS episode_id, client_id, 'SUBJECT_OF_CONCERN' AS role FROM episode WHERE id = ANY($1::text[])
       UNION ALL
       SELECT episode_id, client_id, role FROM episode_involvement WHERE episode_id = ANY($1::text[])
       ORDER BY episode_id, client_id, role`,
      [[...episodeIds]],
    );
    const byEpisode = new Map<string, EpisodeParticipant[]>();
    for (const row of rows) {
      const participants = byEpisode.get(row.episode_id) ?? [];
      participants.push({ clientId: row.client_id, role: row.role });
      byEpisode.set(row.episode_id, participants);
    }
    return episodeIds.map((id) => byEpisode.get(id) ?? []);
  });
  return loader.load(episodeId);
}
