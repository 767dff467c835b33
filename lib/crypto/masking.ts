// How a secret is shown once saved: a fixed mask, plus at most its last 4 characters when the field's
// schema allows a hint and the value is long enough that 4 characters give little away.
export const SECRET_MASK = "••••••••";
const HINT_CHARS = 4;
const MIN_LENGTH_FOR_HINT = 12;

export function secretHint(value: string, allowHint: boolean): string | null {
  if (!allowHint || value.length < MIN_LENGTH_FOR_HINT) return null;
  return value.slice(-HINT_CHARS);
}

/** The display form of a saved secret, e.g. "••••••••a1b2". */
export function maskedDisplay(hint: string | null | undefined): string {
  return hint ? `${SECRET_MASK}${hint}` : SECRET_MASK;
}
