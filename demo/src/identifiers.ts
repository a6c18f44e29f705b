import { isValidNhsNumber, makePncId } from "@tessera/kit";
import type { Random } from "./random";

const NHS_SERIALS = 1_000_000;
const PNC_SERIALS = 10_000_000;

/**
 * Issues unique strong identifiers. A shared NHS number or PNC ID between two different synthetic
 * people would make the linkage truth wrong, so numbers come from a counter scrambled by a
 * bijection (multiplying by a number coprime to the range), not from independent random draws.
 */
export class IdentifierIssuer {
  private nhsIssued = 0;
  private pncIssued = 0;
  private readonly nhsOffset: number;
  private readonly pncOffset: number;

  constructor(random: Random) {
    this.nhsOffset = random.int(0, NHS_SERIALS - 1);
    this.pncOffset = random.int(0, PNC_SERIALS - 1);
  }

  /**
   * An NHS number in the 999 range, which is never issued to patients, so synthetic numbers can
   * never be a real person's. About one stem in eleven has no valid check digit and is skipped.
   */
  nhsNumber(): string {
    while (this.nhsIssued < NHS_SERIALS) {
      const serial = (this.nhsIssued * 7919 + this.nhsOffset) % NHS_SERIALS;
      this.nhsIssued += 1;
      const stem = `999${String(serial).padStart(6, "0")}`;
      for (let check = 0; check <= 9; check += 1) {
        const candidate = `${stem}${check}`;
        if (isValidNhsNumber(candidate)) return candidate;
      }
    }
    throw new Error("the 999 range has no synthetic NHS numbers left: generate fewer subjects");
  }

  /** A PNC ID first issued in `year`, with a valid check letter. */
  pncId(year: number): string {
    if (this.pncIssued >= PNC_SERIALS) throw new Error("no synthetic PNC serials left");
    const serial = (this.pncIssued * 104_729 + this.pncOffset) % PNC_SERIALS;
    this.pncIssued += 1;
    return makePncId(year, serial);
  }
}
