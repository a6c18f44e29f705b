import { loadDeclaredCallers } from "@tessera/kit";
import { CALLERS } from "../../test/e2e/callers";
import { DEMO_ROLES } from "../demoRoles";

describe("config/callers.json", () => {
  const callers = loadDeclaredCallers({});

  it.each(DEMO_ROLES.map(({ label, claims }) => [label, claims] as const))("declares the agency and area of the demonstration's %s", (_label, claims) => {
    expect(() => callers.check(claims)).not.toThrow();
  });

  it.each(Object.entries(CALLERS))("declares the agency and area of the end-to-end tests' %s", (_name, claims) => {
    expect(() => callers.check(claims)).not.toThrow();
  });
});
