import dns from "node:dns";
import net from "node:net";
import { startGateway } from "../startGateway";

/**
 * The gateway runs on police and health networks: it calls its own subgraphs and nothing else. Left
 * to its defaults, @apollo/gateway probes the clouds' metadata servers and exports telemetry to Apollo
 * as soon as it is constructed.
 */
describe("the gateway sends nothing outside its own network", () => {
  const reached: string[] = [];
  const connect = net.Socket.prototype.connect;
  const lookup = dns.lookup;
  const previous = process.env.APOLLO_TELEMETRY_DISABLED;

  beforeAll(() => {
    // Apollo's own default, which the gateway must override whatever the environment says.
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      const first = args[0] as { host?: string; path?: string } | number | string;
      const host = typeof first === "object" ? (first.host ?? first.path ?? "localhost") : typeof args[1] === "string" ? args[1] : String(first);
      reached.push(host);
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof connect;
    (dns as { lookup: unknown }).lookup = ((hostname: string, ...rest: unknown[]) => {
      reached.push(hostname);
      return (lookup as (...a: unknown[]) => void)(hostname, ...rest);
    }) as typeof dns.lookup;
  });

  afterAll(() => {
    net.Socket.prototype.connect = connect;
    (dns as { lookup: unknown }).lookup = lookup;
    if (previous === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
    else process.env.APOLLO_TELEMETRY_DISABLED = previous;
  });

  it("starts, serves its health check and stops without reaching any host but loopback", async () => {
    const running = await startGateway({ port: 0, host: "127.0.0.1", explorer: null, log: () => undefined });
    try {
      const health = await fetch(`${running.url}/health`);
      expect(health.status).toBe(200);
      // Apollo's cloud detectors and exporter start at construction and reach out within a second.
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      await running.stop();
    }
    const outside = reached.filter((host) => !/^(127\.\d+\.\d+\.\d+|::1|localhost|\/.*)$/.test(host));
    expect(outside).toEqual([]);
  });
});
