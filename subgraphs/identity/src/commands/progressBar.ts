/**
 * A progress bar on a terminal (redrawn in place), or a line per tenth done when the output is a log
 * file or CI, so a long re-link shows it is alive either way.
 */
export class ProgressBar {
  private stage = "";
  private lastTenth = -1;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr, private readonly width = 30) {}

  /** Names the stage under way; stages without counts show as a line of their own. */
  start(stage: string): void {
    this.finishLine();
    this.stage = stage;
    this.lastTenth = -1;
    this.out.write(this.out.isTTY ? `${stage}…` : `${stage}…\n`);
  }

  update(done: number, total: number): void {
    const share = total > 0 ? Math.min(done / total, 1) : 1;
    if (this.out.isTTY) {
      const filled = Math.round(share * this.width);
      this.out.write(`\r${this.stage} [${"#".repeat(filled)}${"-".repeat(this.width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${done}/${total}`);
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth > this.lastTenth) {
      this.lastTenth = tenth;
      this.out.write(`${this.stage}: ${tenth * 10}% (${done}/${total})\n`);
    }
  }

  finishLine(): void {
    if (this.out.isTTY && this.stage) this.out.write("\n");
    this.stage = "";
  }
}
