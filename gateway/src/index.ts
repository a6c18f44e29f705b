export { DEMO_ROLES } from "./explorer/demoRoles";
export * from "./GatewayContext";
export * from "./inputErrorField";
export * from "./startGateway";
export * from "./subgraphDataSource";
export * from "./supergraphFile";
export * from "./limits";
export * from "./useBoundedOperations";
export * from "./planning";
