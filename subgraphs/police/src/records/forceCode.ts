import { InvalidInput, isAbsent } from "@tessera/kit";

/** A force code such as `NMC`: the area a police record belongs to. */
export function forceCode(field: string, value: unknown): string {
  if (isAbsent(value)) throw new InvalidInput(field, "is required");
  if (typeof value !== "string" || !/^[A-Z]{2,6}$/.test(value)) throw new InvalidInput(field, "must be a force code of 2 to 6 capital letters");
  return value;
}
