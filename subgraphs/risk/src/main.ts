import { runSubgraph, stopOnSignals } from "@tessera/kit";
import { subgraph } from "./index";

runSubgraph(subgraph).then(
  (running) => {
    process.stderr.write(`risk subgraph ready at ${running.url}/graphql\n`);
    stopOnSignals(running);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
