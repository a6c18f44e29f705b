import { stopOnSignals } from "@tessera/kit";
import { startGateway } from "./startGateway";

startGateway().then(
  (running) => {
    process.stderr.write(`gateway ready at ${running.url}/graphql\n`);
    stopOnSignals(running);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
