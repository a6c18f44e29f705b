import { readdirSync } from "node:fs";
import path from "node:path";
import { badUserInput } from "@tessera/kit";
import { loadRuleSet, type RuleSet } from "./engine";

const CONFIG_DIR = path.resolve(__dirname, "..", "config");

/** Rule set files are named by major version: rules.v1.json, rules.v2.json. */
const RULE_SET_FILE = /^rules\.v(\d+)\.json$/;

/**
 * Every published rule set, by version, and the one in force. Old versions stay loadable so that an
 * assessment can be re-run under the rules it was made with (its basis names the version). Each file
 * is parsed at start-up, so one that does not parse stops risk from starting rather than failing a
 * query. `TESSERA_RISK_RULES` names the file in force; by default, the highest version.
 */
export class RuleSets {
  readonly current: RuleSet;
  private readonly byVersion: ReadonlyMap<string, RuleSet>;

  constructor(dir = CONFIG_DIR, inForce = process.env.TESSERA_RISK_RULES) {
    const files = readdirSync(dir)
      .map((file) => ({ file, major: Number(RULE_SET_FILE.exec(file)?.[1]) }))
      .filter(({ major }) => Number.isInteger(major))
      .sort((a, b) => a.major - b.major);
    const sets = files.map(({ file }) => loadRuleSet(path.join(dir, file)));
    const chosen = inForce ? loadRuleSet(inForce) : sets[sets.length - 1];
    if (!chosen) throw new Error(`${dir}: no rule set (rules.v<N>.json) to load`);
    this.current = chosen;
    this.byVersion = new Map([...sets, chosen].map((set) => [set.version, set]));
  }

  /** The rule set a caller asked for by version, or the one in force. */
  select(version: string | null | undefined): RuleSet {
    if (version === undefined || version === null) return this.current;
    const found = this.byVersion.get(version);
    if (!found) throw badUserInput("ruleSetVersion", `is not a published rule set version (published: ${[...this.byVersion.keys()].join(", ")})`);
    return found;
  }
}
