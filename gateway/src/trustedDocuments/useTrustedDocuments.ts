import { sendRefusal } from "@tessera/kit";
import type { RequestHandler, Response } from "express";
import { readManifest, type TrustedDocumentManifest } from "./manifest";

/** Refused: the request carried operation text, which this gateway does not run in trusted-documents mode. */
export const TRUSTED_DOCUMENT_REQUIRED = "TRUSTED_DOCUMENT_REQUIRED";
/** Refused: the id names no operation in the manifest. */
export const TRUSTED_DOCUMENT_UNKNOWN = "TRUSTED_DOCUMENT_UNKNOWN";

export interface TrustedDocumentsOptions {
  manifest: TrustedDocumentManifest;
}

/** `TESSERA_TRUSTED_DOCUMENTS=path/to/manifest.json` turns the mode on; unset, any operation may be sent. */
export function trustedDocumentsFromEnv(env: NodeJS.ProcessEnv = process.env): TrustedDocumentsOptions | undefined {
  const file = env.TESSERA_TRUSTED_DOCUMENTS?.trim();
  return file ? { manifest: readManifest(file) } : undefined;
}

/**
 * Trusted documents (operation safelisting): the gateway runs only the manifest's operations, sent
 * by id — as `documentId` (Hive's persisted documents and the GraphQL-over-HTTP proposal) or as
 * `extensions.persistedQuery.sha256Hash` (Apollo Client's persisted queries link). Text, an unknown
 * id, or a GET carrying an operation is refused with 400 before Apollo Server parses anything.
 * Everything after (limits, policy, access log) sees the manifest's text as if the client sent it.
 */
export function useTrustedDocuments(options: TrustedDocumentsOptions): RequestHandler {
  const bodies = new Map(options.manifest.operations.map((operation) => [operation.id, operation.body]));
  return (req, res, next) => {
    if (req.method === "GET") {
      // Express 5's req.query is read-only, so an id cannot be swapped for text here; clients POST.
      if (Object.keys(req.query).length > 0) return refuse(res, TRUSTED_DOCUMENT_REQUIRED, "this gateway runs trusted documents only: POST {\"documentId\": \"<id>\"} from the manifest");
      return next();
    }
    const body: unknown = req.body;
    // Batches, malformed bodies and other methods are Apollo Server's to refuse, as without this mode.
    if (!isRecord(body)) return next();
    if (body.query !== undefined) return refuse(res, TRUSTED_DOCUMENT_REQUIRED, "this gateway runs trusted documents only: send the operation's id as documentId, not its text");
    const extensions = isRecord(body.extensions) ? body.extensions : undefined;
    const persisted = isRecord(extensions?.persistedQuery) ? extensions.persistedQuery : undefined;
    const id = body.documentId ?? persisted?.sha256Hash;
    if (id === undefined) return next();
    const text = typeof id === "string" ? bodies.get(id) : undefined;
    if (text === undefined) return refuse(res, TRUSTED_DOCUMENT_UNKNOWN, `no trusted document has the id ${JSON.stringify(id).slice(0, 80)}`);
    // Apollo Server would otherwise treat the hash as an automatic persisted query and check or cache it.
    const { documentId: _id, extensions: _extensions, ...rest } = body;
    const { persistedQuery: _persisted, ...otherExtensions } = extensions ?? {};
    req.body = { ...rest, query: text, ...(Object.keys(otherExtensions).length > 0 ? { extensions: otherExtensions } : {}) };
    next();
  };
}

function refuse(res: Response, code: string, message: string): void {
  sendRefusal(res, { status: 400, code, message });
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
