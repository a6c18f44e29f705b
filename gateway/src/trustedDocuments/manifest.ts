import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Kind, parse, print, type DefinitionNode, type OperationDefinitionNode } from "graphql";

/**
 * A trusted-documents manifest, in Apollo's persisted query manifest format (the one Apollo Router's
 * safelisting and `@apollo/generate-persisted-query-manifest` use), so front-end teams can produce it
 * with the tools they already have.
 */
export interface TrustedDocumentManifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  operations: TrustedDocument[];
}

export interface TrustedDocument {
  /** What a client sends instead of the text: the SHA-256 of `body`, in hex, as Apollo's tools make it. */
  id: string;
  name: string;
  type: "query" | "mutation" | "subscription";
  /** One operation and the fragments it uses. */
  body: string;
}

export const MANIFEST_FORMAT = "apollo-persisted-query-manifest";

export function documentIdOf(body: string): string {
  return createHash("sha256").update(body).digest("hex");
}

/**
 * Reads and checks a manifest whole, so a broken one stops the gateway at start rather than refusing
 * callers later: its format, unique ids and names, that every body parses to one named operation, and
 * that every id is its body's SHA-256 (naming every entry whose id is not).
 */
export function readManifest(file: string): TrustedDocumentManifest {
  let manifest: TrustedDocumentManifest;
  try {
    manifest = JSON.parse(readFileSync(file, "utf8")) as TrustedDocumentManifest;
  } catch (error) {
    throw new Error(`trusted documents ${file}: ${(error as Error).message}`);
  }
  const fail = (problem: string): never => {
    throw new Error(`trusted documents ${file}: ${problem}`);
  };
  if (manifest?.format !== MANIFEST_FORMAT || manifest.version !== 1) fail(`not a manifest: expected {"format":"${MANIFEST_FORMAT}","version":1,…}`);
  if (!Array.isArray(manifest.operations)) fail("operations is not a list");
  const ids = new Set<string>();
  for (const [index, operation] of manifest.operations.entries()) {
    const where = `operations[${index}]`;
    for (const field of ["id", "name", "type", "body"] as const) {
      if (typeof operation?.[field] !== "string" || operation[field] === "") fail(`${where}.${field} must be a non-empty string`);
    }
    if (ids.has(operation.id)) fail(`${where}: id ${operation.id} appears twice`);
    ids.add(operation.id);
    let operations: OperationDefinitionNode[];
    try {
      operations = parse(operation.body).definitions.filter(isOperation);
    } catch (error) {
      return fail(`${where} (${operation.name}): ${(error as Error).message}`);
    }
    if (operations.length !== 1 || operations[0]!.name?.value !== operation.name || operations[0]!.operation !== operation.type) {
      fail(`${where}: body must hold exactly one ${operation.type} named ${operation.name}`);
    }
  }
  // A client sends only the id: one that is not its body's hash would run a text its front-end team never reviewed under that id.
  const misnamed = manifest.operations.flatMap((operation, index) => (operation.id === documentIdOf(operation.body) ? [] : [`operations[${index}] (${operation.name})`]));
  if (misnamed.length > 0) fail(`id is not the SHA-256 of body in ${misnamed.join(", ")}: rebuild the manifest (npm run trusted-documents)`);
  return manifest;
}

/**
 * Builds a manifest from a folder of `.graphql` files, each holding one named operation (and the
 * fragments it uses): the body is graphql-js's print of the file, so comments and spacing do not
 * change an id; operations are sorted by name, so the file is the same on every machine.
 */
export function manifestFromFolder(dir: string): TrustedDocumentManifest {
  const files = readdirSync(dir).filter((file) => file.endsWith(".graphql")).sort();
  if (files.length === 0) throw new Error(`${dir}: no .graphql files`);
  const operations = files.map((file) => {
    const document = parse(readFileSync(path.join(dir, file), "utf8"));
    const definitions = document.definitions.filter(isOperation);
    const operation = definitions[0];
    if (definitions.length !== 1 || !operation?.name) throw new Error(`${file}: a trusted document holds exactly one named operation`);
    // Fragments first, then the operation, as Apollo's generator orders them.
    const sorted: DefinitionNode[] = [...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION), operation];
    const body = print({ ...document, definitions: sorted });
    return { id: documentIdOf(body), name: operation.name.value, type: operation.operation, body } satisfies TrustedDocument;
  });
  const names = new Set<string>();
  for (const { name } of operations) {
    if (names.has(name)) throw new Error(`${dir}: two operations are named ${name}`);
    names.add(name);
  }
  return { format: MANIFEST_FORMAT, version: 1, operations: operations.sort((a, b) => a.name.localeCompare(b.name)) };
}

function isOperation(definition: DefinitionNode): definition is OperationDefinitionNode {
  return definition.kind === Kind.OPERATION_DEFINITION;
}
