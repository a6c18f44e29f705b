/**
 * The services Tessera runs, and how each finds its database and its peers.
 *
 * Every value can be overridden from the environment so that any one service can move to its own
 * PostgreSQL server (or host) without touching the others.
 */
export const SERVICE_NAMES = ["identity", "police", "health", "social-care", "risk"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The services that hold an agency's records (and register people with identity). */
export const AGENCY_NAMES = ["police", "health", "social-care"] as const satisfies readonly ServiceName[];
export type AgencyName = (typeof AGENCY_NAMES)[number];

/** Default ports: the gateway on 4000, subgraphs from 4001. */
export const DEFAULT_PORTS: Record<ServiceName | "gateway", number> = {
  gateway: 4000,
  identity: 4001,
  police: 4002,
  health: 4003,
  "social-care": 4004,
  risk: 4005,
};

/** Port of the embedded PostgreSQL that `npm start` and `npm test` run when no URL is configured. */
export const DEFAULT_EMBEDDED_PG_PORT = 54329;

/** `social-care` → `SOCIAL_CARE`: the prefix of a service's environment variables. */
export function envPrefix(service: string): string {
  return service.toUpperCase().replace(/-/g, "_");
}

/** The database name a service uses on a shared server (embedded or external). */
export function databaseName(service: ServiceName): string {
  return `tessera_${service.replace(/-/g, "_")}`;
}

/** `<SERVICE>_DATABASE_URL` if set: the service runs on that PostgreSQL instead of the embedded one. */
export function configuredDatabaseUrl(service: ServiceName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[`${envPrefix(service)}_DATABASE_URL`];
  return value && value.trim() !== "" ? value.trim() : undefined;
}

export function embeddedPgPort(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.TESSERA_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT);
}

/** The connection URL a service uses: its own variable, else its database on the embedded server. */
export function databaseUrl(service: ServiceName, env: NodeJS.ProcessEnv = process.env): string {
  return (
    configuredDatabaseUrl(service, env) ??
    `postgres://postgres:postgres@127.0.0.1:${embeddedPgPort(env)}/${databaseName(service)}`
  );
}

export function servicePort(service: ServiceName | "gateway", env: NodeJS.ProcessEnv = process.env): number {
  return Number(env[`${envPrefix(service)}_PORT`] ?? DEFAULT_PORTS[service]);
}

/** Base URL of a running service (`<SERVICE>_URL`, else localhost on its port). */
export function serviceUrl(service: ServiceName | "gateway", env: NodeJS.ProcessEnv = process.env): string {
  return env[`${envPrefix(service)}_URL`] ?? `http://127.0.0.1:${servicePort(service, env)}`;
}

/** Interface a service listens on: loopback unless `<SERVICE>_HOST` says otherwise (containers: 0.0.0.0). */
export function serviceHost(service: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[`${envPrefix(service)}_HOST`] ?? "127.0.0.1";
}
