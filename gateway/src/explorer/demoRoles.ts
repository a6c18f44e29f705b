import type { DevTokenClaims } from "@tessera/kit";

/**
 * The people `npm start` prints tokens for and the explorer's role picker offers with the development
 * issuer: one of each kind of user the demonstration data serves.
 * Areas are the demonstration's fictional forces (NMC Northmoor, EVP Eastvale, WFC Westfold, SRP
 * Southridge), trust (NVH) and council (NMB).
 */
export const DEMO_ROLES: { label: string; claims: DevTokenClaims }[] = [
  ...["NMC", "EVP", "WFC", "SRP"].map((force) => ({
    label: `police officer, ${force}, safeguarding`,
    claims: { user: `pc-${force.toLowerCase()}`, name: `PC ${force} Demo`, agency: "police", roles: ["officer"], area: force, purpose: "safeguarding" as const },
  })),
  { label: "ED clinician, NVH, direct care", claims: { user: "dr-nvh", name: "Dr NVH Demo", agency: "health", roles: ["clinician"], area: "NVH", purpose: "direct_care" } },
  { label: "social worker, NMB, safeguarding", claims: { user: "sw-nmb", name: "SW NMB Demo", agency: "social-care", roles: ["social_worker"], area: "NMB", purpose: "safeguarding" } },
  { label: "police analyst, NMC, investigation", claims: { user: "analyst-nmc", name: "Analyst NMC Demo", agency: "police", roles: ["analyst"], area: "NMC", purpose: "investigation" } },
  { label: "identity link reviewer, safeguarding", claims: { user: "reviewer", name: "Link Reviewer Demo", agency: "police", roles: ["officer", "identity_reviewer"], area: "NMC", purpose: "safeguarding" } },
  ...(["police", "health", "social-care", "identity", "risk"] as const).map((agency) => ({
    label: `${agency} auditor, audit`,
    claims: { user: `auditor-${agency}`, name: `${agency} auditor`, agency, roles: ["auditor"], area: { police: "NMC", health: "NVH", "social-care": "NMB", identity: "identity", risk: "risk" }[agency], purpose: "audit" as const },
  })),
];
