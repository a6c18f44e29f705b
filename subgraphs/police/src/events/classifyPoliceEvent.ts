import { Classification } from "@tessera/kit";
import { SENSITIVE_KINDS } from "./policeEventKinds";

/**
 * OFFICIAL-SENSITIVE for domestic abuse, safeguarding and sexual violence, where need-to-know must be
 * rigorously enforced; OFFICIAL otherwise.
 */
export function classifyPoliceEvent(kind: string, domesticAbuse: boolean): Classification {
  return domesticAbuse || SENSITIVE_KINDS.has(kind) ? Classification.OFFICIAL_SENSITIVE : Classification.OFFICIAL;
}
