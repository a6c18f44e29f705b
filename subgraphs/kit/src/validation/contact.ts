/**
 * Contact details, where an agency holds them, in the one form linkage compares: an email address
 * in lower case, a UK telephone number as its national digits (`07700900123`), so `+44 7700 900123`
 * and `07700 900 123` agree.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `Jo.Bloggs@Example.org ` → `jo.bloggs@example.org`; undefined when it is not an email address. */
export function normaliseEmail(value: string): string | undefined {
  const email = value.trim().toLowerCase();
  return EMAIL.test(email) && email.length <= 254 ? email : undefined;
}

/** `+44 (0)7700 900123` → `07700900123`; undefined unless it is 10 or 11 national digits starting 0. */
export function normaliseUkPhone(value: string): string | undefined {
  if (!/^[\d\s()+-]+$/.test(value)) return undefined;
  let digits = value.replace(/\D/g, "");
  if (digits.startsWith("44")) digits = `0${digits.slice(2).replace(/^0/, "")}`;
  return /^0\d{9,10}$/.test(digits) ? digits : undefined;
}
