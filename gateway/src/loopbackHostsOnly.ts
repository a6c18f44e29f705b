import { sendRefusal } from "@tessera/kit";
import type { RequestHandler } from "express";

/** Host names that always mean this machine. */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/**
 * With the development issuer, the gateway mints a token for any demonstration role to whoever asks
 * its explorer. A web page a developer visits can point its own name at 127.0.0.1 (DNS rebinding) and
 * then call the gateway as a same-origin page: its requests carry that name in `Host`. So with
 * development keys the gateway answers only requests addressed to loopback or to a name it was
 * given (`hosts`, e.g. from `TESSERA_ALLOWED_HOSTS`); with a real issuer it runs behind whatever
 * names its operators route to it, and nothing is minted.
 */
export function loopbackHostsOnly(hosts: readonly string[] = []): RequestHandler {
  const allowed = new Set(hosts.map((host) => host.toLowerCase()));
  return (req, res, next) => {
    const host = (req.header("host") ?? "").toLowerCase();
    if (LOOPBACK.test(host) || allowed.has(host) || allowed.has(host.replace(/:\d+$/, ""))) return next();
    sendRefusal(res, { status: 421, code: "MISDIRECTED_REQUEST", message: "This development gateway answers only requests addressed to 127.0.0.1 or localhost (TESSERA_ALLOWED_HOSTS adds names)" });
  };
}

/** `TESSERA_ALLOWED_HOSTS`: comma-separated host names (with or without a port). */
export function allowedHostsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.TESSERA_ALLOWED_HOSTS ?? "").split(",").map((host) => host.trim()).filter((host) => host !== "");
}
