import "./monacoWorkers";
import "graphiql/style.css";
import "./explorer.css";
import { createRoot } from "react-dom/client";
import { ExplorerApp } from "./ExplorerApp";

createRoot(document.getElementById("explorer")!).render(<ExplorerApp />);
