import { readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { AGENCY_NAMES, databaseName, DEFAULT_PORTS, envPrefix, SERVICE_NAMES } from "@tessera/kit";

/**
 * No Docker engine runs here, so the Compose file is checked against the code instead: it parses,
 * every service the code knows has its own database and its own process, and the variables it sets
 * are the ones the code reads.
 */
describe("docker-compose.yml", () => {
  const file = YAML.parse(readFileSync(path.join(__dirname, "..", "docker-compose.yml"), "utf8"), { merge: true }) as {
    services: Record<string, { command?: string[]; environment?: Record<string, string>; image?: string; depends_on?: unknown; volumes?: string[] }>;
  };

  it.each(SERVICE_NAMES)("runs %s as its own process on its own PostgreSQL", (service) => {
    const definition = file.services[service]!;
    expect(definition.command).toEqual(["node", "-r", "@swc-node/register", `subgraphs/${service}/src/main.ts`]);
    const url = new URL(definition.environment![`${envPrefix(service)}_DATABASE_URL`]!);
    expect(url.hostname).toBe(`${service}-db`);
    expect(url.pathname).toBe(`/${databaseName(service)}`);
    expect(file.services[`${service}-db`]!.image).toBe("postgres:15");
    expect(Number(definition.environment![`${envPrefix(service)}_PORT`])).toBe(DEFAULT_PORTS[service]);
  });

  it("points every agency's identity relay at identity", () => {
    for (const agency of AGENCY_NAMES) {
      expect(file.services[agency]!.environment!.IDENTITY_URL).toBe(`http://identity:${DEFAULT_PORTS.identity}`);
    }
  });

  it("tells the gateway where each subgraph is, and publishes only the gateway", () => {
    const gateway = file.services.gateway!;
    expect(gateway.command).toEqual(["node", "-r", "@swc-node/register", "gateway/src/main.ts"]);
    for (const service of SERVICE_NAMES) {
      expect(gateway.environment![`${envPrefix(service)}_URL`]).toBe(`http://${service}:${DEFAULT_PORTS[service]}`);
    }
    const published = Object.entries(file.services).filter(([, s]) => "ports" in s).map(([name]) => name);
    expect(published).toEqual(["gateway"]);
  });

  it("gives the gateway and every subgraph the same development issuer, so tokens and gateway signatures verify across containers", () => {
    for (const member of [...SERVICE_NAMES, "gateway"]) {
      const definition = file.services[member]!;
      const dir = definition.environment!.TESSERA_DEV_ISSUER_DIR;
      expect(dir).toBe("/var/lib/tessera/dev-issuer");
      expect(definition.volumes).toContain(`dev-issuer:${dir}`);
    }
  });
});
