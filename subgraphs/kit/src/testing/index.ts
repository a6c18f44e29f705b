/** Test helpers for subgraphs built on the kit: `import { ... } from "@tessera/kit/testing"`. */
export * from "./executeGraphQL";
export * from "./records";
export * from "./testDatabase";
export * from "./gatewayRequest";
export * from "./highS";
export * from "./readMetrics";
