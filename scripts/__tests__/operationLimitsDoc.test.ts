import { readFileSync } from "node:fs";
import { DEFAULT_SUPERGRAPH_FILE } from "../../gateway/src/startGateway";
import { DOC_FILE, documentedQueryTable, withTable } from "../operationLimitsDoc";

describe("docs/operations.md: the documented queries' figures", () => {
  it("are what the gateway's limits measure today (npm run docs:operation-limits rewrites them)", () => {
    const committed = readFileSync(DOC_FILE, "utf8");
    expect(withTable(committed, documentedQueryTable(readFileSync(DEFAULT_SUPERGRAPH_FILE, "utf8")))).toBe(committed);
  });

  it("every documented query is within every default limit", () => {
    const table = documentedQueryTable(readFileSync(DEFAULT_SUPERGRAPH_FILE, "utf8"));
    const rows = table.split("\n").map((line) => line.split("|").slice(2, -1).map((cell) => cell.replace(/\*/g, "").trim()));
    const limits = rows.at(-1)!.slice(0, 6).map(Number);
    const queries = rows.slice(2, -1);
    expect(queries.length).toBeGreaterThanOrEqual(9);
    for (const figures of queries) figures.slice(0, 6).forEach((figure, column) => expect(Number(figure)).toBeLessThanOrEqual(limits[column]!));
  });
});
