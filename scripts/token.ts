import { parseArgs } from "node:util";
import { issueDevToken, loadDeclaredCallers, PURPOSES, type Purpose } from "@tessera/kit";

/**
 * `npm run token -- --agency police --role officer --area NMC --purpose safeguarding`: a token from
 * the development issuer (its key is made on first use in .tessera/dev-issuer, git-ignored). For
 * development and demonstration only; production tokens come from the organisation's own issuer.
 */
const USAGE = `usage: npm run token -- --agency <agency> --role <role> [--role <role>…] --area <code> --purpose <${PURPOSES.join("|")}>
                         [--name "<display name>"] [--user <id>] [--expires 8h]`;

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        agency: { type: "string" },
        role: { type: "string", multiple: true },
        area: { type: "string" },
        purpose: { type: "string" },
        name: { type: "string" },
        user: { type: "string" },
        expires: { type: "string", default: "8h" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const missing = (["agency", "role", "area", "purpose"] as const).filter((name) => !values[name] || (Array.isArray(values[name]) && values[name].length === 0));
  if (missing.length > 0) {
    process.stderr.write(`missing ${missing.map((m) => `--${m}`).join(", ")}\n${USAGE}\n`);
    return 2;
  }
  if (!(PURPOSES as readonly string[]).includes(values.purpose!)) {
    process.stderr.write(`--purpose must be one of ${PURPOSES.join(", ")}\n`);
    return 2;
  }
  const roles = values.role!;
  try {
    // Every service would refuse the token: say so now, not at the first request.
    loadDeclaredCallers().check({ agency: values.agency!, area: values.area!, roles });
  } catch (error) {
    process.stderr.write(`${(error as Error).message.replace(/^the token's/, "the")} (see config/callers.json)\n`);
    return 2;
  }
  const user = values.user ?? `dev-${values.agency}-${roles[0]}-${values.area}`.toLowerCase();
  void issueDevToken({ user, name: values.name ?? user, agency: values.agency!, roles, area: values.area!, purpose: values.purpose as Purpose }, { expiresIn: values.expires! }).then(
    (token) => process.stdout.write(`${token}\n`),
    (error: unknown) => {
      process.stderr.write(`token failed: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
  return 0;
}

process.exitCode = main();
