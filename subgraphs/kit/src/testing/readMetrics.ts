import { loadAccessConfig } from "../access/accessConfig";
import { metricsToken } from "../server/metricsAccess";

/**
 * A service's `/metrics` text, read as the configured scraper reads it: with `TESSERA_METRICS_TOKEN`,
 * else the development issuer's generated token from `env`'s `TESSERA_DEV_ISSUER_DIR`.
 */
export async function readMetrics(baseUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const token = metricsToken((await loadAccessConfig(env)).development, env);
  if (!token) throw new Error("no metrics token: set TESSERA_METRICS_TOKEN (a real issuer is configured, so none is generated)");
  const response = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${baseUrl}/metrics answered ${response.status}`);
  return response.text();
}
