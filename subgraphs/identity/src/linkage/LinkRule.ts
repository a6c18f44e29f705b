/** Why a person record sits in its subject. */
export enum LinkRule {
  /** The subject's only record. */
  SOLE_RECORD = "SOLE_RECORD",
  /** The model's strongest link from this record to another record of the subject. */
  MODEL = "MODEL",
  /** A reviewer's decision (confirmed pair or merged subjects), where the model alone would not link it. */
  REVIEWER = "REVIEWER",
}
