import type { GraphiQL } from "graphiql";
import type { ComponentProps } from "react";

export type Fetcher = ComponentProps<typeof GraphiQL>["fetcher"];

/** Who the explorer calls the gateway as, read on every request (so typing does not re-fetch the schema). */
export interface Caller {
  token: string;
  justification: string;
}

/**
 * POSTs to the gateway's own /graphql, as any client does: the caller's token as a bearer token and
 * the justification as `x-tessera-justification`. In trusted-documents mode an operation whose text
 * is one of the manifest's is sent by its id (keyed by its trimmed text); anything else is sent as text, and the gateway's
 * refusal is what the analyst sees.
 */
export function gatewayFetcher(caller: () => Caller, trusted: Map<string, { id: string; name: string }> | null): Fetcher {
  return async (params, options) => {
    const { token, justification } = caller();
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    for (const [name, value] of Object.entries(options?.headers ?? {})) headers[name.toLowerCase()] = String(value);
    if (token) headers.authorization = `Bearer ${token}`;
    if (justification.trim()) headers["x-tessera-justification"] = utf8HeaderValue(justification);
    const document = trusted?.get(params.query.trim());
    // The document's own name: without a schema (this mode) GraphiQL sent the first tab's operationName after a tab switch.
    const body = document ? { documentId: document.id, operationName: document.name, variables: params.variables } : params;
    const response = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify(body) });
    const text = await response.text();
    try {
      return JSON.parse(text) as never;
    } catch {
      return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
    }
  };
}

/**
 * fetch() takes header values as Latin-1 strings: a reason written with "é" or "ł" would be refused
 * by the browser. Each UTF-8 byte becomes one character, so the bytes on the wire are the text's UTF-8.
 */
function utf8HeaderValue(text: string): string {
  return String.fromCharCode(...new TextEncoder().encode(text));
}
