// Amounts as people type and read them ("25.00", "$1,200") and as budgets store them (integer cents).
// Forms send dollars; the budget service validates the cents (range, integer) like any other input.
import { ValidationError } from "@/lib/services/errors";

const DOLLARS = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/**
 * Cents for a dollar amount typed in a form; "" is null (no amount). Anything that is not a plain
 * non-negative amount with at most two decimals is a ValidationError on `field`.
 */
export function centsFromDollars(text: string, field = "limitCents"): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const match = DOLLARS.exec(trimmed);
  if (!match) {
    throw new ValidationError("The amount is invalid.", { [field]: ["must be an amount in dollars, like 25.00"] });
  }
  const whole = Number(match[1]!.replaceAll(",", ""));
  const fraction = Number((match[2] ?? "").padEnd(2, "0"));
  return whole * 100 + fraction;
}

/** "$1,234.50" for 123450. */
export function formatCents(cents: number): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
}

/** The amount as a form shows it for editing: "25.00", or "" for none. */
export function dollarsFromCents(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? "" : (cents / 100).toFixed(2);
}
