import type { DevTokenClaims } from "@tessera/kit";

/**
 * The professionals the end-to-end tests act as. Force A is Northmoor (NMC), where Penelope
 * Ashworth's history began; force B is Eastvale (EVP), where she lives now. Her trust is NVH and her
 * council NMB; EVT and EVC are Eastvale's.
 */
const person = (user: string, agency: string, roles: string[], area: string, purpose: DevTokenClaims["purpose"]): DevTokenClaims => ({ user, name: user, agency, roles, area, purpose });

export const CALLERS = {
  officerForceA: person("PC Northmoor", "police", ["officer"], "NMC", "safeguarding"),
  officerForceB: person("PC Eastvale", "police", ["officer"], "EVP", "safeguarding"),
  publicProtectionForceA: person("DS Northmoor PPU", "police", ["public_protection"], "NMC", "safeguarding"),
  publicProtectionForceB: person("DS Eastvale PPU", "police", ["public_protection"], "EVP", "safeguarding"),
  analystForceA: person("Analyst Northmoor", "police", ["analyst"], "NMC", "investigation"),
  clinician: person("Dr Northmoor ED", "health", ["clinician"], "NVH", "direct_care"),
  clinicianSafeguarding: person("Dr Northmoor ED (safeguarding)", "health", ["clinician"], "NVH", "safeguarding"),
  safeguardingLead: person("Nurse Northmoor Safeguarding", "health", ["safeguarding_lead"], "NVH", "safeguarding"),
  safeguardingLeadElsewhere: person("Nurse Eastvale Safeguarding", "health", ["safeguarding_lead"], "EVT", "safeguarding"),
  socialWorker: person("SW Northmoor", "social-care", ["social_worker"], "NMB", "safeguarding"),
  socialWorkerElsewhere: person("SW Eastvale", "social-care", ["social_worker"], "EVC", "safeguarding"),
  probationOfficer: person("PO Eastvale", "probation", ["probation_officer"], "EVPR", "safeguarding"),
  reviewer: person("DS Amara Okafor", "police", ["officer", "identity_reviewer"], "NMC", "safeguarding"),
  policeAuditor: person("Police Auditor", "police", ["auditor"], "NMC", "audit"),
  healthAuditor: person("Health Auditor", "health", ["auditor"], "NVH", "audit"),
  socialCareAuditor: person("Care Auditor", "social-care", ["auditor"], "NMB", "audit"),
  identityAuditor: person("Identity Auditor", "identity", ["auditor"], "identity", "audit"),
  riskAuditor: person("Risk Auditor", "risk", ["auditor"], "risk", "audit"),
} satisfies Record<string, DevTokenClaims>;
