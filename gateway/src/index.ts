export * from "./GatewayContext";
export * from "./startGateway";
export * from "./subgraphDataSource";
export * from "./supergraphFile";
