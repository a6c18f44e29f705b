import { InvalidClaims, SERVICE_ROLE, type Caller } from "./Caller";
import { DEFAULT_JUSTIFICATION_RULES, parseJustification, type JustificationRules } from "./justification";

/**
 * A person's caller for a GraphQL request, with the request's justification attached (checked by
 * {@link parseJustification}; an absent or empty header is no justification). A service account's
 * token is refused here: it exists to register people with identity, and none of the policies'
 * rules were written with it in mind. The gateway and every subgraph call this alike.
 */
export function requestCaller(caller: Caller, header: string | undefined, rules: JustificationRules = DEFAULT_JUSTIFICATION_RULES): Caller {
  if (caller.roles.includes(SERVICE_ROLE)) throw new InvalidClaims("a service account's token registers people with identity; it does not query the graph");
  if (header === undefined || header === "") return caller;
  return { ...caller, justification: parseJustification(header, rules) };
}
