import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { documentIdOf, manifestFromFolder, readManifest } from "../trustedDocuments/manifest";

describe("a trusted-documents manifest built from .graphql files", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "tessera-manifest-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (file: string, text: string) => writeFileSync(path.join(dir, file), text);

  it("gives the same id whatever the comments and spacing, so reformatting a file does not break its clients", () => {
    write("a.graphql", "# the caseload\nquery Caseload($ids: [ID!]!) { subjects(ids: $ids) { id } }\n");
    const first = manifestFromFolder(dir).operations[0]!;
    write("a.graphql", "query Caseload($ids: [ID!]!) {\n  subjects(ids: $ids) {\n    id\n  }\n}");
    const second = manifestFromFolder(dir).operations[0]!;
    expect(second.id).toBe(first.id);
    expect(first.id).toBe(documentIdOf(first.body));
    expect(first).toMatchObject({ name: "Caseload", type: "query" });
  });

  it("keeps the fragments an operation uses in its body, before it", () => {
    write("a.graphql", "query Events { searchSubjects(name: \"x\") { nodes { ...Ids } } }\nfragment Ids on Subject { id }\n");
    const { body } = manifestFromFolder(dir).operations[0]!;
    expect(body.indexOf("fragment Ids")).toBeLessThan(body.indexOf("query Events"));
  });

  it("refuses a file with two operations, an unnamed operation, or a name used twice", () => {
    write("a.graphql", "query A { __typename }\nquery B { __typename }");
    expect(() => manifestFromFolder(dir)).toThrow(/a.graphql: a trusted document holds exactly one named operation/);
    write("a.graphql", "{ __typename }");
    expect(() => manifestFromFolder(dir)).toThrow(/exactly one named operation/);
    write("a.graphql", "query A { __typename }");
    write("b.graphql", "query A { id: __typename }");
    expect(() => manifestFromFolder(dir)).toThrow(/two operations are named A/);
  });
});

describe("reading a trusted-documents manifest at start", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "tessera-manifest-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const entry = (name: string, body: string) => ({ id: documentIdOf(body), name, type: "query", body });
  const manifestFile = (operations: object[]) => {
    const file = path.join(dir, "manifest.json");
    writeFileSync(file, JSON.stringify({ format: "apollo-persisted-query-manifest", version: 1, operations }));
    return file;
  };

  it("accepts a manifest whose every id is its body's SHA-256", () => {
    const operations = [entry("A", "query A { __typename }"), entry("B", "query B { __typename }")];
    expect(readManifest(manifestFile(operations)).operations).toEqual(operations);
  });

  it("refuses a manifest whose ids are not their bodies' SHA-256, naming every such entry: a client would run an unreviewed text under a reviewed id", () => {
    const edited = { ...entry("B", "query B { __typename }"), body: "query B { subjects(ids: []) { id } }" };
    const invented = { ...entry("C", "query C { __typename }"), id: "c".repeat(64) };
    const file = manifestFile([entry("A", "query A { __typename }"), edited, invented]);
    expect(() => readManifest(file)).toThrow(`trusted documents ${file}: id is not the SHA-256 of body in operations[1] (B), operations[2] (C)`);
  });
});
