import { registerEnumType } from "type-graphql";

/** The statutory episodes a council records; each is one event kind in `careEvents`. */
export enum EpisodeKind {
  REFERRAL = "REFERRAL",
  SECTION_47_ENQUIRY = "SECTION_47_ENQUIRY",
  CHILD_PROTECTION_PLAN = "CHILD_PROTECTION_PLAN",
  CHILD_IN_NEED = "CHILD_IN_NEED",
  SECTION_42_ENQUIRY = "SECTION_42_ENQUIRY",
}
registerEnumType(EpisodeKind, {
  name: "EpisodeKind",
  description: "A council's episode of work with a client.",
  valuesConfig: {
    REFERRAL: { description: "A referral to children's or adults' social care." },
    SECTION_47_ENQUIRY: { description: "Children Act 1989 s47: reasonable cause to suspect a child is suffering, or likely to suffer, significant harm." },
    CHILD_PROTECTION_PLAN: { description: "A child protection plan; it ends when the plan ends." },
    CHILD_IN_NEED: { description: "Children Act 1989 s17: a child in need of services." },
    SECTION_42_ENQUIRY: { description: "Care Act 2014 s42: an adult with care and support needs at risk of abuse or neglect." },
  },
});
export const EPISODE_KINDS = Object.values(EpisodeKind);
