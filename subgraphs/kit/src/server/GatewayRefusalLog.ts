/**
 * The longest a subgraph stays quiet about refused gateway requests after it has written one. A
 * refusal needs no token, so anyone who can reach the port could otherwise write a line per request;
 * one line per 10 s, with counts, keeps an attack or a gateway out of step visible within seconds
 * and the log readable.
 */
export const DEFAULT_REFUSAL_LOG_INTERVAL_MS = 10_000;

/**
 * A subgraph's log of the requests it refused for their gateway signature (unsigned, outside the
 * replay window, not matching, replayed). The first refusal after a quiet interval is written at
 * once, `refused a gateway request: <reason>`; those that follow within the interval are counted and
 * written as one line when it ends, `refused <n> more gateway requests …` with a count per reason.
 * Only the verifier's own reasons are written, never anything the request carried (its
 * `x-request-id` is unverified: it could forge or flood an auditor's search).
 */
export class GatewayRefusalLog {
  private readonly pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly service: string,
    private readonly log: (line: string) => void,
    private readonly intervalMs: number = DEFAULT_REFUSAL_LOG_INTERVAL_MS,
  ) {}

  refused(reason: string): void {
    if (this.timer) {
      this.pending.set(reason, (this.pending.get(reason) ?? 0) + 1);
      return;
    }
    // A refusal is either an attack or a gateway whose clock or wait is out of step with the replay
    // window: either way the operator needs to see it.
    this.write(`refused a gateway request: ${reason}`, { [reason]: 1 });
    this.quietFor(this.intervalMs);
  }

  /** Writes the refusals counted but not yet written (the service is stopping). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writePending();
  }

  private quietFor(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.writePending()) this.quietFor(ms);
    }, ms);
    this.timer.unref();
  }

  private writePending(): boolean {
    if (this.pending.size === 0) return false;
    const count = [...this.pending.values()].reduce((sum, n) => sum + n, 0);
    this.write(`refused ${count} more gateway ${count === 1 ? "request" : "requests"} in the last ${Math.round(this.intervalMs / 1000)} s`, Object.fromEntries(this.pending));
    this.pending.clear();
    return true;
  }

  private write(message: string, refused: Record<string, number>): void {
    this.log(JSON.stringify({ level: "warn", service: this.service, message, refused }));
  }
}
