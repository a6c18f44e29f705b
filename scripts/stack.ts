import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { AGENCY_NAMES, envPrefix, SERVICE_NAMES, servicePort, type ServiceName } from "@tessera/kit";

const ROOT = path.resolve(__dirname, "..");

export type StackMember = ServiceName | "gateway";

export interface StackOptions {
  /** Environment for every process (database URLs, TESSERA_PG_PORT, ...). Default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** Use free ports instead of the configured ones (tests). */
  freePorts?: boolean;
  /** Each line a service writes to stderr or stdout. */
  log?: (member: StackMember, line: string) => void;
  readyTimeoutMs?: number;
}

export interface RunningStack {
  gatewayUrl: string;
  urls: Record<StackMember, string>;
  /** The environment the stack runs with, for commands that join it (the import). */
  env: NodeJS.ProcessEnv;
  /** Stops one member (tests of a subgraph that is down). */
  stopMember(member: StackMember): Promise<void>;
  /** Sends one member a signal (tests of a frozen subgraph: SIGSTOP, then SIGCONT). */
  signalMember(member: StackMember, signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

/**
 * Runs Tessera as separate processes, as in production: identity, each agency subgraph (each on its
 * own database) and then the gateway, each started only when the ones it calls are ready.
 */
export async function launchStack(options: StackOptions = {}): Promise<RunningStack> {
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  const log = options.log ?? ((member, line) => process.stderr.write(`[${member}] ${line}\n`));
  const members: StackMember[] = [...SERVICE_NAMES, "gateway"];
  for (const member of members) {
    const port = options.freePorts ? await freePort() : servicePort(member, env);
    env[`${envPrefix(member)}_PORT`] = String(port);
    env[`${envPrefix(member)}_URL`] = `http://127.0.0.1:${port}`;
  }
  const urls = Object.fromEntries(members.map((m) => [m, env[`${envPrefix(m)}_URL`]!])) as Record<StackMember, string>;
  const children: { member: StackMember; child: ChildProcess }[] = [];
  const stop = async () => {
    // The gateway first, so nothing new reaches the subgraphs while they drain.
    for (const { child } of [...children].reverse()) await stopChild(child);
  };
  try {
    const start = (member: StackMember, script: string) => {
      const child = spawnTs(script, env, (line) => log(member, line));
      children.push({ member, child });
      return waitReady(member, child, `${urls[member]}/${member === "gateway" ? "health" : "ready"}`, options.readyTimeoutMs ?? 60_000);
    };
    await start("identity", "subgraphs/identity/src/main.ts");
    // Risk calls no one (the gateway hands it the agencies' events), so it starts beside them.
    await Promise.all([...AGENCY_NAMES, "risk" as const].map((member) => start(member, `subgraphs/${member}/src/main.ts`)));
    await start("gateway", "gateway/src/main.ts");
  } catch (error) {
    await stop();
    throw error;
  }
  const stopMember = async (member: StackMember) => {
    const entry = children.find((c) => c.member === member);
    if (entry) await stopChild(entry.child);
  };
  const signalMember = (member: StackMember, signal: NodeJS.Signals) => {
    const entry = children.find((c) => c.member === member);
    if (!entry) throw new Error(`no ${member} in this stack`);
    entry.child.kill(signal);
  };
  return { gatewayUrl: `${urls.gateway}/graphql`, urls, env, stopMember, signalMember, stop };
}

/** Runs a TypeScript entry point of this repository in its own Node process. */
export function spawnTs(script: string, env: NodeJS.ProcessEnv, onLine: (line: string) => void, args: string[] = []): ChildProcess {
  const child = spawn(process.execPath, ["-r", "@swc-node/register", path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffered = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) onLine(line);
    });
  }
  return child;
}

/** Resolves with the exit code once the process ends. */
export function exited(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
}

async function waitReady(member: StackMember, child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  void exited(child).then(() => (died = true));
  for (;;) {
    if (died) throw new Error(`${member} exited before it was ready (exit code ${child.exitCode})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${member} not ready at ${url} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // A stopped (SIGSTOPped) process would not act on SIGTERM until continued.
  child.kill("SIGCONT");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited(child);
  clearTimeout(timer);
}

/** A port free on loopback now, for a process about to listen on it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
