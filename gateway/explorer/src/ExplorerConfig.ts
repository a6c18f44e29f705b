/** What the explorer page learns from the gateway at `/explorer/config.json` when it loads. */
export interface ExplorerConfig {
  /** True with the development issuer only: the page offers the demonstration roles. */
  development: boolean;
  /** The demonstration roles' labels (gateway/src/explorer/demoRoles.ts), empty unless `development`. */
  roles: string[];
  /**
   * In trusted-documents mode, the only operations the gateway runs, which the page offers and sends
   * by id; null when any operation may be sent.
   */
  trustedDocuments: { id: string; name: string; body: string }[] | null;
}

/** Where the page asks for a development token for a demonstration role (development issuer only). */
export const DEV_TOKEN_PATH = "/explorer/dev-token";
export const EXPLORER_CONFIG_PATH = "/explorer/config.json";
