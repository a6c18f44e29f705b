import { readFileSync } from "node:fs";
import { parsePolicy, type AccessPolicy } from "./AccessPolicy";
import { accessLogPolicyTypes } from "./AccessLogResolver";

/**
 * Reads a subgraph's `access-policy.json` and adds the kit's entries for the service's own access
 * log, so that an agency declares who its auditors are (its `audit` rules), not the log's fields.
 */
export function loadAccessPolicy(file: string, service: string): AccessPolicy {
  const policy = parsePolicy(JSON.parse(readFileSync(file, "utf8")), file);
  for (const [typeName, logType] of Object.entries(accessLogPolicyTypes(service))) {
    const declared = policy.types[typeName];
    for (const field of Object.keys(logType.fields)) {
      if (declared?.fields[field] !== undefined) throw new Error(`${file}: ${typeName}.${field} belongs to the kit's access log and is not the agency's to declare`);
    }
    policy.types[typeName] = declared ? { ...declared, fields: { ...declared.fields, ...logType.fields } } : logType;
  }
  return policy;
}
