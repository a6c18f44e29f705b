import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GraphQLError } from "graphql";
import { RuleSets } from "../ruleSets";

const CONFIG = path.resolve(__dirname, "..", "..", "config");

describe("the published rule sets", () => {
  const sets = new RuleSets(CONFIG, undefined);

  it("computes with the highest version by default, and keeps every earlier one selectable by its version", () => {
    expect(sets.current.version).toBe("2.0.0");
    expect(sets.select(undefined)).toBe(sets.current);
    // A client sending the variable as null asks for the default, as much as one leaving it out.
    expect(sets.select(null)).toBe(sets.current);
    expect(sets.select("1.0.0").version).toBe("1.0.0");
  });

  it("refuses a version never published, naming the field and the versions there are", () => {
    const refused = (() => {
      try {
        sets.select("1.5.0");
      } catch (error) {
        return error;
      }
    })() as GraphQLError;
    expect(refused).toBeInstanceOf(GraphQLError);
    expect(refused.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "ruleSetVersion" });
    expect(refused.message).toBe("ruleSetVersion: is not a published rule set version (published: 1.0.0, 2.0.0)");
  });

  it("puts the file TESSERA_RISK_RULES names in force, and stops risk from starting when a published file does not parse", () => {
    expect(new RuleSets(CONFIG, path.join(CONFIG, "rules.v1.json")).current.version).toBe("1.0.0");
    const dir = mkdtempSync(path.join(tmpdir(), "risk-rule-sets-"));
    try {
      copyFileSync(path.join(CONFIG, "rules.v1.json"), path.join(dir, "rules.v1.json"));
      writeFileSync(path.join(dir, "rules.v2.json"), JSON.stringify({ name: "broken" }));
      expect(() => new RuleSets(dir, undefined)).toThrow(/rules\.v2\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
