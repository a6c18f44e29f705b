import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { subgraphReadiness } from "../subgraphReadiness";

/** A subgraph's `/ready` that counts its probes (each one a database query in a real subgraph). */
async function countingSubgraph(): Promise<{ url: string; probes(): number; server: Server }> {
  let probes = 0;
  const server = createServer((req, res) => {
    if (req.url === "/ready") probes += 1;
    // As slow as a busy database: concurrent /ready calls arrive while the first probe is out.
    setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ready"}'), 50);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, probes: () => probes, server };
}

describe("the gateway's /ready", () => {
  it("probes each subgraph once for concurrent calls, answers from that probe for the next second, and probes again after", async () => {
    const police = await countingSubgraph();
    const health = await countingSubgraph();
    let stopping = false;
    const app = express().get(
      "/ready",
      subgraphReadiness({ subgraphs: () => new Map([["police", police.url], ["health", health.url]]), probeTimeoutMs: 1_000, cacheMs: 300, stopping: () => stopping }),
    );
    const gateway = createServer(app);
    gateway.listen(0, "127.0.0.1");
    await once(gateway, "listening");
    const ready = async () => {
      const response = await fetch(`http://127.0.0.1:${(gateway.address() as AddressInfo).port}/ready`);
      return { status: response.status, body: (await response.json()) as { status: string } };
    };
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, ready));
      for (const answer of answers) expect(answer).toEqual({ status: 200, body: expect.objectContaining({ status: "ready" }) });
      expect([police.probes(), health.probes()]).toEqual([1, 1]);

      expect((await ready()).status).toBe(200);
      expect([police.probes(), health.probes()]).toEqual([1, 1]);
      // Stopping is the gateway's own state, never cached.
      stopping = true;
      expect(await ready()).toEqual({ status: 503, body: expect.objectContaining({ status: "stopping" }) });
      stopping = false;

      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await ready()).status).toBe(200);
      expect([police.probes(), health.probes()]).toEqual([2, 2]);
    } finally {
      for (const server of [gateway, police.server, health.server]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });
});
