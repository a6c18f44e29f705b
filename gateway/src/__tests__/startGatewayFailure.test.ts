import { createServer, type Server } from "node:net";
import { PlanningPool } from "../planning";
import { startGateway } from "../startGateway";

describe("a gateway that fails to start", () => {
  let taken: Server;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise((resolve) => taken.close(resolve)));
  afterEach(() => jest.restoreAllMocks());

  it("leaves no planning thread running when its port is taken", async () => {
    const stopped = jest.spyOn(PlanningPool.prototype, "stop");
    const port = (taken.address() as { port: number }).port;
    await expect(startGateway({ port, host: "127.0.0.1", explorer: null, log: () => undefined })).rejects.toThrow(/EADDRINUSE/);
    expect(stopped).toHaveBeenCalledTimes(1);
  });
});
