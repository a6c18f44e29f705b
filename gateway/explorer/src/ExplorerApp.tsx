import { GraphiQL } from "graphiql";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import examples from "tessera:examples";
import { DEV_TOKEN_PATH, EXPLORER_CONFIG_PATH, type ExplorerConfig } from "./ExplorerConfig";
import { gatewayFetcher, type Caller } from "./gatewayFetcher";

/**
 * Kept in the page's session only (sessionStorage): a token pasted here is gone when the tab closes,
 * and GraphiQL's own tabs and history are kept there too rather than in localStorage.
 */
function useSessionValue(key: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => sessionStorage.getItem(key) ?? "");
  const set = useCallback(
    (next: string) => {
      sessionStorage.setItem(key, next);
      setValue(next);
    },
    [key],
  );
  return [value, set];
}

export function ExplorerApp() {
  const [config, setConfig] = useState<ExplorerConfig | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    fetch(EXPLORER_CONFIG_PATH)
      .then((response) => (response.ok ? (response.json() as Promise<ExplorerConfig>) : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then(setConfig, (error: Error) => setFailure(`The gateway did not describe the explorer: ${error.message}`));
  }, []);
  if (failure) return <p className="tessera-error">{failure}</p>;
  if (!config) return <p>Loading…</p>;
  return <Explorer config={config} />;
}

function Explorer({ config }: { config: ExplorerConfig }) {
  const [token, setToken] = useSessionValue("tessera.explorer.token");
  const [justification, setJustification] = useSessionValue("tessera.explorer.justification");
  const caller = useRef<Caller>({ token, justification });
  caller.current = { token, justification };

  const trusted = config.trustedDocuments;
  const trustedByText = useMemo(() => (trusted ? new Map(trusted.map((doc) => [doc.body.trim(), doc])) : null), [trusted]);
  // A new token is a new caller: the fetcher changes only then, and GraphiQL fetches the schema again as them.
  const fetcher = useMemo(() => gatewayFetcher(() => caller.current, trustedByText), [token, trustedByText]);
  const tabs = useMemo(() => (trusted ? trusted.map((doc) => ({ query: doc.body })) : examples.map((example) => ({ query: example.query }))), [trusted]);

  return (
    <div className="tessera-explorer">
      <CallerBar config={config} token={token} setToken={setToken} justification={justification} setJustification={setJustification} />
      <div className="tessera-graphiql">
        <GraphiQL
          fetcher={fetcher}
          defaultTabs={tabs}
          storage={sessionStorage}
          // Trusted documents: introspection is free text, which the gateway refuses in that mode.
          {...(trusted ? { schema: null } : {})}
          defaultEditorToolsVisibility={false}
        />
      </div>
    </div>
  );
}

interface CallerBarProps {
  config: ExplorerConfig;
  token: string;
  setToken(token: string): void;
  justification: string;
  setJustification(text: string): void;
}

function CallerBar({ config, token, setToken, justification, setJustification }: CallerBarProps) {
  const [role, setRole] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  async function pickRole(label: string) {
    setRole(label);
    setProblem(null);
    if (!label) return;
    const response = await fetch(DEV_TOKEN_PATH, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ role: label }) });
    if (!response.ok) return setProblem(`No token for ${label}: HTTP ${response.status}`);
    setToken(((await response.json()) as { token: string }).token);
  }

  return (
    <form className="tessera-caller" onSubmit={(event) => event.preventDefault()}>
      <label>
        Token
        <input
          type="password"
          name="token"
          autoComplete="off"
          placeholder="paste a bearer token"
          value={token}
          onChange={(event) => {
            setRole("");
            setToken(event.target.value.trim().replace(/^Bearer\s+/i, ""));
          }}
        />
      </label>
      {config.development && (
        <label>
          Demonstration role
          <select name="role" value={role} onChange={(event) => void pickRole(event.target.value)}>
            <option value="">— pick one for a development token —</option>
            {config.roles.map((label) => (
              <option key={label} value={label}>
                {label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Justification
        <input
          type="text"
          name="justification"
          placeholder="why you need this record (sent as x-tessera-justification)"
          value={justification}
          onChange={(event) => setJustification(event.target.value)}
        />
      </label>
      <span className="tessera-note">
        {config.development ? "Development issuer: demonstration tokens only. " : ""}
        {trustedNote(config)}
        The token stays in this tab's session. Queries go through /graphql with the same limits, policy and access log as any client.
      </span>
      {problem && <span className="tessera-error">{problem}</span>}
    </form>
  );
}

function trustedNote(config: ExplorerConfig): string {
  return config.trustedDocuments ? "Trusted documents: only the manifest's operations run, sent by id; edited text is refused. " : "";
}
