import { checkPolicyAgencies, loadDeclaredCallers } from "@tessera/kit";
import { CALLERS } from "../../test/e2e/callers";
import { loadServicePolicies } from "../accessPolicyDoc";
import { DEMO_ROLES } from "@tessera/gateway";

describe("config/callers.json", () => {
  const callers = loadDeclaredCallers({});

  it.each(DEMO_ROLES.map(({ label, claims }) => [label, claims] as const))("declares the agency and area of the demonstration's %s", (_label, claims) => {
    expect(() => callers.check(claims)).not.toThrow();
  });

  it.each(Object.entries(CALLERS))("declares the agency and area of the end-to-end tests' %s", (_name, claims) => {
    expect(() => callers.check(claims)).not.toThrow();
  });

  it("declares every agency every service's policy names", async () => {
    const services = await loadServicePolicies();
    expect(services.length).toBe(5);
    for (const { policy, policyFile } of services) expect(() => checkPolicyAgencies(policy, callers, policyFile)).not.toThrow();
  });
});
