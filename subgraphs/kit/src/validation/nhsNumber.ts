/**
 * NHS number modulus-11 check: weights 10..2 on the first nine digits, check digit = 11 − (sum mod 11),
 * where 11 means 0 and 10 means the number is invalid. Spaces and hyphens as printed are allowed.
 * Numbers of one repeated digit are refused as placeholders. Source: NHS Data Dictionary, "NHS Number".
 */
export function isValidNhsNumber(value: string): boolean {
  const digits = normaliseNhsNumber(value);
  if (!/^\d{10}$/.test(digits)) return false;
  // 0000000000, 1111111111 … pass the check digit but are placeholders typed when the number is not
  // known; accepting them would link every such record into one person.
  if (/^(\d)\1{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

export function normaliseNhsNumber(value: string): string {
  return value.replace(/[\s-]/g, "");
}
