import { SubjectRole } from "@tessera/kit";
import { InvolvementRole } from "./InvolvementRole";

/** A police involvement role in the common vocabulary every agency's events share. */
export const SUBJECT_ROLE_OF: Record<InvolvementRole, SubjectRole> = {
  [InvolvementRole.VICTIM]: SubjectRole.VICTIM,
  [InvolvementRole.SUSPECT]: SubjectRole.SUSPECT,
  [InvolvementRole.OFFENDER]: SubjectRole.OFFENDER,
  [InvolvementRole.WITNESS]: SubjectRole.WITNESS,
  [InvolvementRole.OTHER]: SubjectRole.OTHER,
};
