/**
 * Turns off @apollo/gateway's usage telemetry, which is on unless this variable says otherwise: its
 * constructor starts an OpenTelemetry meter that probes the cloud metadata servers of Google, Amazon,
 * Azure and Alibaba (169.254.169.254 and others) and exports the host's architecture, memory and
 * uptime to Apollo over the internet. A safeguarding gateway on a police or health network sends
 * nothing outside it, so this is not configurable. Call before constructing an `ApolloGateway`.
 */
export function withoutApolloTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
}
