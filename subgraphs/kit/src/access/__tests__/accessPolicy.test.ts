import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { testCaller } from "../../testing/records";
import { accessLogFieldName } from "../AccessLogResolver";
import { decide, LEVELS, parsePolicy, unmetCondition, type AccessPolicy, type PolicyRule } from "../AccessPolicy";
import { loadAccessPolicy } from "../loadAccessPolicy";

const SUBGRAPHS = path.resolve(__dirname, "..", "..", "..", "..");
const policyFile = (service: string) => path.join(SUBGRAPHS, service, "access-policy.json");

/** The police policy as its JSON, for a test to break one thing in. */
const policeJson = (): any => JSON.parse(readFileSync(policyFile("police"), "utf8"));

/** The problems parsePolicy lists for this JSON, one per line. */
function problems(json: unknown): string[] {
  try {
    parsePolicy(json, "test-policy.json");
  } catch (error) {
    const [first, ...rest] = (error as Error).message.split("\n  - ");
    expect(first).toBe("test-policy.json: the access policy is not valid:");
    return rest;
  }
  throw new Error("parsePolicy accepted the policy");
}

describe("parsePolicy", () => {
  it.each(["identity", "police", "health", "social-care", "risk"])("accepts the %s policy, with the kit's entries for its access log", (service) => {
    const policy = loadAccessPolicy(policyFile(service), service);
    expect(policy.agency).toBe(service);
    for (const level of LEVELS) expect(Array.isArray(policy.levels[level])).toBe(true);
    expect(policy.types.Query!.fields[accessLogFieldName(service)]).toBe("audit");
    expect(policy.types.AccessLogEntry).toMatchObject({ fields: { user: "audit", justification: "audit", hash: "audit" } });
    // An auditor's read names no records: log ids must not mix with the agency's record ids.
    expect(policy.types.AccessLogEntry!.record).toBeUndefined();
    // The agency's own Query entries survive the kit's additions.
    const own = JSON.parse(readFileSync(policyFile(service), "utf8")).types.Query?.fields ?? {};
    expect(policy.types.Query!.fields).toMatchObject(own);
  });

  it("refuses a policy that declares a field of the kit's access log", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tessera-policy-test-"));
    try {
      const json = policeJson();
      json.types.AccessLogEntry = { fields: { user: "signal" } };
      writeFileSync(path.join(dir, "access-policy.json"), JSON.stringify(json));
      expect(() => loadAccessPolicy(path.join(dir, "access-policy.json"), "police")).toThrow("AccessLogEntry.user belongs to the kit's access log and is not the agency's to declare");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a field at an unknown level", () => {
    const json = policeJson();
    json.types.PoliceEvent.fields.summary = "secret";
    expect(problems(json)).toEqual(["PoliceEvent.summary: unknown level secret"]);
  });

  it("refuses a rule for an unknown purpose", () => {
    const json = policeJson();
    json.levels.signal[0].purposes.push("marketing");
    expect(problems(json)).toEqual(['levels.signal rule "police/police-own-agency": unknown purpose marketing']);
  });

  it("refuses two rules of the same name, even at different levels", () => {
    const json = policeJson();
    json.levels.write[0].rule = "police/police-detail";
    expect(problems(json)).toEqual(['levels.write rule "police/police-detail": the name is used twice']);
  });

  it("refuses a rule without a name or a description", () => {
    const json = policeJson();
    delete json.levels.detail[1].description;
    json.levels.audit[0].rule = "";
    expect(problems(json)).toEqual(['levels.detail rule "police/partner-detail-with-justification": needs a description', "levels.audit: every rule needs a name"]);
  });

  it("refuses a rule without agencies or purposes, and an own-agency rule naming an undeclared role", () => {
    const json = policeJson();
    json.levels.write[0].agencies = [];
    json.levels.audit[0].purposes = [];
    json.levels.signal[0].roles.push("sergeant");
    expect(problems(json)).toEqual([
      'levels.signal rule "police/police-own-agency": role sergeant is not among the policy\'s roles',
      'levels.write rule "police/police-write": agencies must list at least one agency, "partners" or "*"',
      'levels.audit rule "police/auditors": purposes must list at least one purpose',
    ]);
  });

  it("refuses a policy without a level's list of rules, an agency or an integer version", () => {
    const json = policeJson();
    delete json.levels.restricted;
    json.agency = "";
    json.version = "1";
    expect(problems(json)).toEqual(["agency must be named", "version must be an integer", "levels.restricted must list its rules (an empty list admits nobody)"]);
  });

  it("refuses a detail rule that admits callers no signal rule admits (tiers nest)", () => {
    const json = policeJson();
    // Probation may read detail for an investigation, but no signal rule admits probation for one.
    json.levels.detail.push({ rule: "police/probation-detail", description: "Probation officers.", agencies: ["probation"], purposes: ["investigation"] });
    expect(problems(json)).toEqual(["detail rule police/probation-detail admits callers that no signal rule admits"]);
  });

  it("refuses nesting that fails only by role, by area or by justification", () => {
    const byRole = policeJson();
    // Any police role at detail, but the signal rule for police names its roles.
    delete byRole.levels.detail[0].roles;
    expect(problems(byRole)).toEqual(["detail rule police/police-detail admits callers that no signal rule admits"]);

    const byArea = policeJson();
    byArea.levels.signal[0].areas = ["NMC"];
    byArea.levels.signal.splice(1, 1);
    byArea.levels.detail.splice(1, 1);
    expect(problems(byArea)).toEqual(["detail rule police/police-detail admits callers that no signal rule admits"]);

    const byJustification = policeJson();
    byJustification.levels.detail[0].justification = true;
    // Restricted and write (a writer reads back what they wrote) need a detail rule that does not ask for more.
    expect(problems(byJustification)).toEqual([
      "restricted rule police/own-force-public-protection admits callers that no detail rule admits",
      "write rule police/police-write admits callers that no detail rule admits",
    ]);
  });

  it("refuses a restricted rule that admits callers no detail rule admits", () => {
    const json = policeJson();
    json.levels.restricted[0].purposes.push("audit");
    expect(problems(json)).toEqual(["restricted rule police/own-force-public-protection admits callers that no detail rule admits"]);
  });

  it("refuses a field at a level with an own-area rule on a type that names no area field", () => {
    const json = policeJson();
    json.types.Counterpart.fields.person = "restricted";
    expect(problems(json)).toEqual(["Counterpart.person: its level has a rule for the record's own area, but Counterpart names no area field"]);
  });

  it("lists every problem at once", () => {
    const json = policeJson();
    json.types.PoliceEvent.fields.summary = "secret";
    json.levels.signal[0].purposes.push("marketing");
    json.types.Counterpart.fields.person = "restricted";
    expect(problems(json)).toHaveLength(3);
  });

  it("refuses what is not a policy object", () => {
    expect(() => parsePolicy(null, "empty.json")).toThrow("empty.json: not a policy object");
    expect(() => parsePolicy("police", "text.json")).toThrow("text.json: not a policy object");
  });
});

describe("decide", () => {
  let police: AccessPolicy;
  beforeAll(() => (police = loadAccessPolicy(policyFile("police"), "police")));

  const officer = testCaller({ agency: "police", roles: ["officer"], area: "NMC", purpose: "investigation" });
  const ppu = testCaller({ agency: "police", roles: ["public_protection"], area: "NMC", purpose: "safeguarding" });
  const nurse = testCaller({ agency: "health", roles: ["clinician"], area: "NVH", purpose: "safeguarding" });

  it("holds the owner's own staff to the owner's rules: a partners rule does not admit them", () => {
    const receptionist = { ...officer, roles: ["receptionist"], purpose: "safeguarding" as const, justification: "Checking a safeguarding referral" };
    expect(decide(police, "detail", receptionist, undefined)).toMatchObject({ allowed: false, unmet: expect.arrayContaining([{ rule: "police/partner-detail-with-justification", needs: "agency a partner of police" }]) });
    expect(decide(police, "detail", { ...receptionist, agency: "probation" }, undefined)).toMatchObject({ allowed: true, rule: "police/partner-detail-with-justification" });
  });

  it("names the rule that admitted the caller", () => {
    expect(decide(police, "signal", officer, undefined)).toEqual({ allowed: true, level: "signal", rule: "police/police-own-agency", unmet: [] });
    expect(decide(police, "detail", officer, "EVP")).toEqual({ allowed: true, level: "detail", rule: "police/police-detail", unmet: [] });
    expect(decide(police, "signal", nurse, undefined)).toMatchObject({ allowed: true, rule: "police/partner-safeguarding-signal" });
  });

  it("lists, for a denial, every rule and the first condition of each the caller does not meet, and names the rule the caller came nearest to meeting", () => {
    expect(decide(police, "detail", nurse, "NMC")).toEqual({
      allowed: false,
      level: "detail",
      rule: "police/partner-detail-with-justification",
      unmet: [
        { rule: "police/police-detail", needs: "agency police" },
        { rule: "police/partner-detail-with-justification", needs: "a justification (x-tessera-justification header)" },
      ],
    });
    expect(decide(police, "signal", { ...nurse, purpose: "direct_care" }, undefined).unmet).toEqual([
      { rule: "police/police-own-agency", needs: "agency police" },
      { rule: "police/partner-safeguarding-signal", needs: "purpose safeguarding" },
    ]);
    expect(decide(police, "write", { ...officer, roles: ["analyst"] }, undefined)).toMatchObject({
      allowed: false,
      rule: "police/police-write",
      unmet: [{ rule: "police/police-write", needs: "role officer or public_protection" }],
    });
    expect(decide(police, "audit", officer, undefined).unmet).toEqual([{ rule: "police/auditors", needs: "role auditor" }]);
  });

  it("admits a partner to detail only with a justification for the request", () => {
    expect(decide(police, "detail", { ...nurse, justification: "Section 47 strategy meeting today" }, undefined)).toMatchObject({ allowed: true, rule: "police/partner-detail-with-justification" });
    // A justification does not change the purpose: a partner's direct care is not safeguarding.
    expect(decide(police, "detail", { ...nurse, purpose: "direct_care", justification: "Section 47 strategy meeting today" }, undefined).allowed).toBe(false);
  });

  it("admits $own-area rules only for a record of the caller's own area", () => {
    expect(decide(police, "restricted", ppu, "NMC")).toMatchObject({ allowed: true, rule: "police/own-force-public-protection" });
    expect(decide(police, "restricted", ppu, "EVP")).toMatchObject({ allowed: false, unmet: [{ rule: "police/own-force-public-protection", needs: "a record of the caller's own area" }] });
    // A record whose area is unknown is no one's own.
    expect(decide(police, "restricted", ppu, undefined).allowed).toBe(false);
    // The area decides only once agency and role hold.
    expect(decide(police, "restricted", officer, "NMC").unmet).toEqual([{ rule: "police/own-force-public-protection", needs: "role public_protection" }]);
  });

  it("names a level without rules as admitting nobody", () => {
    const closed: AccessPolicy = { ...police, levels: { ...police.levels, audit: [] } };
    expect(decide(closed, "audit", testCaller({ roles: ["auditor"], purpose: "audit" }), undefined)).toEqual({ allowed: false, level: "audit", rule: "police/audit/none", unmet: [] });
  });
});

describe("unmetCondition", () => {
  const rule: PolicyRule = { rule: "t/r", description: "d", agencies: ["police", "health"], roles: ["officer", "clinician"], areas: ["NMC", "NVH"], purposes: ["safeguarding"], justification: true };
  const caller = testCaller({ agency: "health", roles: ["clinician"], area: "NVH", purpose: "safeguarding", justification: "Child protection conference" });

  it("checks agency, role, purpose, area and justification, in that order", () => {
    expect(unmetCondition(rule, caller, undefined)).toBeNull();
    expect(unmetCondition(rule, { ...caller, agency: "social-care" }, undefined)).toBe("agency police or health");
    expect(unmetCondition(rule, { ...caller, agency: "social-care", roles: ["social_worker"] }, undefined)).toBe("agency police or health");
    expect(unmetCondition(rule, { ...caller, roles: ["social_worker"] }, undefined)).toBe("role officer or clinician");
    expect(unmetCondition(rule, { ...caller, purpose: "direct_care" }, undefined)).toBe("purpose safeguarding");
    expect(unmetCondition(rule, { ...caller, area: "EVP" }, "NVH")).toBe("area NMC or NVH");
    const { justification: _j, ...unjustified } = caller;
    expect(unmetCondition(rule, unjustified, undefined)).toBe("a justification (x-tessera-justification header)");
  });

  it("treats * as any agency and absent roles and areas as any", () => {
    const open: PolicyRule = { rule: "t/open", description: "d", agencies: ["*"], purposes: ["safeguarding"] };
    expect(unmetCondition(open, { ...caller, agency: "probation", roles: ["anything"], area: "ZZZ" }, undefined)).toBeNull();
  });
});
