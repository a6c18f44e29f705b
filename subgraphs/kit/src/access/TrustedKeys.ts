import { createLocalJWKSet, createRemoteJWKSet, customFetch, errors, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";

/**
 * The issuer's public keys, re-read so that rotating them needs no restart: at once when a token
 * names a key id not held (at most once per cooldown, so a flood of made-up ids cannot hammer the
 * issuer or the disk), and whenever they are older than their maximum age.
 */
export interface TrustedKeys {
  getKey: JWTVerifyGetKey;
  /** Increases whenever the keys are re-read: a token verified under an earlier set is verified again. */
  readonly version: number;
  /** False once the keys are older than their maximum age: the next verification re-reads them. */
  readonly fresh: boolean;
}

export interface KeyReloadOptions {
  /** The least time between two re-reads prompted by unknown key ids. */
  cooldownMs: number;
  /** Keys older than this are re-read before the next verification; a removed key stops verifying by then. */
  maxAgeMs: number;
}

/**
 * 30 s, jose's own default for its remote key sets: a flood of tokens with made-up key ids reads
 * the keys twice a minute at most, and a newly rotated key is trusted within 30 s of first use.
 * `TESSERA_JWKS_COOLDOWN_SECONDS`.
 */
export const DEFAULT_KEY_COOLDOWN_MS = 30_000;
/**
 * 10 minutes, jose's own default: a key the issuer withdrew (compromised, or rotated out) stops
 * being trusted within 10 minutes, at one read of the keys per 10 minutes per process.
 * `TESSERA_JWKS_MAX_AGE_SECONDS`.
 */
export const DEFAULT_KEY_MAX_AGE_MS = 600_000;

/** The keys at a JWKS URL (the identity provider's), with jose's own reloading. */
export function remoteTrustedKeys(url: URL, options: KeyReloadOptions): TrustedKeys {
  let version = 0;
  const remote = createRemoteJWKSet(url, {
    cooldownDuration: options.cooldownMs,
    cacheMaxAge: options.maxAgeMs,
    // Counts fetches, so that tokens verified under the previous keys are verified again.
    [customFetch]: async (...args: Parameters<typeof fetch>) => {
      const response = await fetch(...args);
      version += 1;
      return response;
    },
  });
  return {
    getKey: remote,
    get version() {
      return version;
    },
    get fresh() {
      return remote.fresh;
    },
  };
}

/**
 * Keys read by `load` (a JWKS file, the development issuer's key), reloaded as jose reloads a remote
 * key set. A re-read that fails keeps the keys held (a file half-written by an editor must not stop
 * every verification) and reports the error; the first read must succeed.
 */
export async function reloadingTrustedKeys(
  load: () => Promise<JSONWebKeySet>,
  options: KeyReloadOptions & { onReloadError?: (error: Error) => void; now?: () => number },
): Promise<TrustedKeys> {
  const now = options.now ?? Date.now;
  const onReloadError = options.onReloadError ?? ((error) => process.stderr.write(`${JSON.stringify({ level: "error", message: `trusted keys not re-read: ${error.message}` })}\n`));
  let local = createLocalJWKSet(await load());
  let loadedAt = now();
  let attemptedAt = loadedAt;
  let version = 0;
  let pending: Promise<void> | undefined;

  const reload = (): Promise<void> => {
    pending ??= (async () => {
      attemptedAt = now();
      try {
        local = createLocalJWKSet(await load());
        loadedAt = now();
        version += 1;
      } catch (error) {
        onReloadError(error as Error);
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };
  const getKey: JWTVerifyGetKey = async (header, token) => {
    if (now() - loadedAt >= options.maxAgeMs && now() - attemptedAt >= options.cooldownMs) await reload();
    try {
      return await local(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || now() - attemptedAt < options.cooldownMs) throw error;
      await reload();
      return local(header, token);
    }
  };
  return {
    getKey,
    get version() {
      return version;
    },
    get fresh() {
      return now() - loadedAt < options.maxAgeMs;
    },
  };
}
