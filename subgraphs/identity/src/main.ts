import { runSubgraph, stopOnSignals } from "@tessera/kit";
import { subgraph } from "./index";

runSubgraph(subgraph).then(
  (running) => {
    process.stderr.write(`identity subgraph ready at ${running.url}/graphql (registrations at ${running.url}/internal/registrations)\n`);
    stopOnSignals(running);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
