/**
 * One gateway or subgraph of a stack bench/access.ts assembles, in a process of its own, for
 * `npm run bench:access -- --processes`: the configuration is JSON in the first argument, and it
 * prints `listening <base URL>` once it serves. SIGTERM stops it.
 */
import { startMember, type MemberConfig } from "./access";

async function main(): Promise<void> {
  const running = await startMember(JSON.parse(process.argv[2] ?? "") as MemberConfig);
  process.stdout.write(`listening ${running.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
