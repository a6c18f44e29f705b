import { SubgraphDataSource } from "../subgraphDataSource";

describe("SubgraphDataSource", () => {
  const send = (headers: Record<string, string>) => {
    const source = new SubgraphDataSource("police", "http://127.0.0.1:1/graphql");
    const request = { http: { method: "POST", url: "", headers: new Headers() } };
    source.willSendRequest({ request, context: { requestId: "r-1", headers } } as never);
    return request.http.headers;
  };

  it("forwards the caller's Authorization header, the request id and the named user to the subgraph", () => {
    const headers = send({ authorization: "Bearer abc.def.ghi", "x-request-id": "r-1", "x-tessera-user": "DS Okafor" });
    expect(headers.get("authorization")).toBe("Bearer abc.def.ghi");
    expect(headers.get("x-request-id")).toBe("r-1");
    expect(headers.get("x-tessera-user")).toBe("DS Okafor");
  });

  it("forwards nothing else the caller sent", () => {
    const headers = send({ "x-request-id": "r-1", cookie: "session=1" } as Record<string, string>);
    expect(headers.get("authorization")).toBeNull();
    expect(headers.get("cookie")).toBeNull();
  });

  it("names the subgraph that could not be reached", async () => {
    const source = new SubgraphDataSource("health", "http://127.0.0.1:1/graphql");
    const request = { query: "{ __typename }", http: { method: "POST", url: "http://127.0.0.1:1/graphql", headers: new Headers() } };
    await expect(source.process({ request, context: { requestId: "r", headers: {} }, kind: "incoming operation" } as never)).rejects.toMatchObject({
      message: expect.stringContaining("health is unavailable"),
      extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "health" },
    });
  });
});
