import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { manifestFromFolder } from "../gateway/src/trustedDocuments/manifest";

/**
 * `npm run trusted-documents -- docs/queries [--out manifest.json]`: a trusted-documents manifest
 * (Apollo's persisted query manifest format) from a folder of `.graphql` files, one named operation
 * each. The gateway runs only these operations when `TESSERA_TRUSTED_DOCUMENTS` names the file.
 */
const USAGE = "usage: npm run trusted-documents -- <folder of .graphql files> [--out <manifest.json>]";

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { out: { type: "string" }, help: { type: "boolean" } } });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let json: string;
  try {
    json = `${JSON.stringify(manifestFromFolder(parsed.positionals[0]!), null, 2)}\n`;
  } catch (error) {
    process.stderr.write(`trusted-documents: ${(error as Error).message}\n`);
    return 1;
  }
  if (parsed.values.out) writeFileSync(parsed.values.out, json);
  else process.stdout.write(json);
  return 0;
}

process.exitCode = main();
