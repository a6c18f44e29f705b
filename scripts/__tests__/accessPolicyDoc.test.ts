import { readFileSync } from "node:fs";
import { loadDeclaredCallers, parsePolicy, SERVICE_NAMES, type PolicyRule } from "@tessera/kit";
import { DOC_FILE, isKitLogField, loadServicePolicies, PROBATION_EXAMPLE, renderAccessPolicyDoc, type ServicePolicy } from "../accessPolicyDoc";

interface Table {
  header: string[];
  rows: string[][];
}

/** The markdown tables of a piece of the document, cells trimmed; `\|` inside a cell is not a column break. */
function tables(markdown: string): Table[] {
  const found: Table[] = [];
  let current: string[][] = [];
  const flush = () => {
    if (current.length >= 2) found.push({ header: current[0]!, rows: current.slice(2) });
    current = [];
  };
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|")) {
      flush();
      continue;
    }
    current.push(line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim()));
  }
  flush();
  return found;
}

/** From the heading that ends with this text to the next heading of level 2 or 3. */
function section(doc: string, headingEnd: string): string {
  const lines = doc.split("\n");
  const start = lines.findIndex((line) => line.startsWith("### ") && line.endsWith(headingEnd));
  if (start < 0) return "";
  const end = lines.findIndex((line, i) => i > start && (line.startsWith("## ") || line.startsWith("### ")));
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

const names = (text: string | undefined) => [...(text ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1]);

/**
 * Every rule and every `Type.field` of every policy the document leaves out, or shows at another
 * level: each rule in its agency's rules table under its level, each field in its agency's types
 * table under its level (the kit's log types in the shared table, the log's root field by name).
 */
function omissions(doc: string, services: ServicePolicy[]): string[] {
  const missing: string[] = [];
  const kitTables = tables(section(doc, "Every policy's access-log entries"));
  for (const { service, policy } of services) {
    const own = section(doc, `(\`${service}\`)`);
    if (!own) {
      missing.push(`${service}: no section`);
      continue;
    }
    const ownTables = tables(own);
    const rules = ownTables.find((t) => t.header.includes("Rule") && t.header.includes("Level"));
    for (const [level, levelRules] of Object.entries(policy.levels) as [string, PolicyRule[]][]) {
      for (const rule of levelRules) {
        const shown = rules?.rows.some((r) => r[rules.header.indexOf("Level")] === `\`${level}\`` && r[rules.header.indexOf("Rule")] === `\`${rule.rule}\``);
        if (!shown) missing.push(`${service}: rule ${rule.rule} at ${level}`);
      }
    }
    for (const [typeName, type] of Object.entries(policy.types)) {
      for (const [field, level] of Object.entries(type.fields)) {
        const kitField = isKitLogField(service, typeName, field);
        if (kitField && (typeName === "Query" || typeName === "Mutation")) {
          if (!own.includes(`\`${typeName}.${field}\` at \`${level}\``)) missing.push(`${service}: ${typeName}.${field} at ${level}`);
          continue;
        }
        const shown = (kitField ? kitTables : ownTables).some((t) => {
          if (t.header[0] !== "Type") return false;
          const typeRow = t.rows.find((r) => r[0] === `\`${typeName}\``);
          return names(typeRow?.[t.header.indexOf(level)]).includes(field);
        });
        if (!shown) missing.push(`${service}: ${typeName}.${field} at ${level}`);
      }
    }
  }
  return missing;
}

describe("docs/access-policy.md", () => {
  let services: ServicePolicy[];
  let rendered: string;

  beforeAll(async () => {
    services = await loadServicePolicies();
    rendered = renderAccessPolicyDoc(services);
  });

  it("is what `npm run docs:access-policy` writes from the policies as they stand", () => {
    const committed = readFileSync(DOC_FILE, "utf8");
    // One line, not a 750-line diff, tells a developer what to do.
    if (committed !== rendered) throw new Error("docs/access-policy.md is stale: run `npm run docs:access-policy` and commit it");
  });

  it("documents every service's policy", () => {
    expect(services.map((s) => s.service).sort()).toEqual([...SERVICE_NAMES].sort());
  });

  it("names every declared agency and area, and where each record type's area is", () => {
    const declared = tables(section(rendered, "Declared agencies and areas"))[0]!;
    const { agencies } = loadDeclaredCallers({}).declaration;
    expect(declared.rows.map((r) => r[0])).toEqual(Object.keys(agencies).map((agency) => `\`${agency}\``));
    for (const [index, [, declaration]] of Object.entries(agencies).entries()) expect(names(declared.rows[index]![2])).toEqual(Object.keys(declaration.areas));
    const writes = tables(section(rendered, "Writes by area"))[0]!;
    expect(writes.rows.map((r) => [r[0], r[1]])).toEqual(services.flatMap(({ service, writes }) => writes.map(({ record }) => [`\`${service}\``, `\`${record}\``])));
    expect(writes.rows.length).toBeGreaterThanOrEqual(12);
  });

  it("names every rule and every Type.field of every policy, at its level", () => {
    expect(omissions(rendered, services)).toEqual([]);
  });

  it("would notice a rule or a field the document left out", () => {
    const changed = structuredClone(services);
    const { service, policy } = changed[0]!;
    const typeName = Object.keys(policy.types).find((name) => name !== "Query" && name !== "Mutation")!;
    policy.types[typeName]!.fields.probe = "detail";
    policy.levels.detail.push({ rule: `${policy.agency}/probe`, description: "probe", agencies: [policy.agency], purposes: ["safeguarding"] });
    expect(omissions(rendered, changed)).toEqual([`${service}: rule ${policy.agency}/probe at detail`, `${service}: ${typeName}.probe at detail`]);
  });

  it("gives partners an example policy the kit accepts", () => {
    expect(() => parsePolicy(structuredClone(PROBATION_EXAMPLE), "the partner example")).not.toThrow();
  });
});
