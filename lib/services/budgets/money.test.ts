import { test } from "node:test";
import assert from "node:assert/strict";
import { centsFromDollars, dollarsFromCents, formatCents } from "@/lib/services/budgets/money";
import { ValidationError } from "@/lib/services/errors";

test("dollar amounts become integer cents; empty is no amount", () => {
  assert.equal(centsFromDollars("25.00"), 2500);
  assert.equal(centsFromDollars(" 25 "), 2500);
  assert.equal(centsFromDollars("0.5"), 50);
  assert.equal(centsFromDollars("$1,200.05"), 120005);
  assert.equal(centsFromDollars(""), null);
});

test("anything else is a field error, without echoing the value", () => {
  for (const text of ["abc", "-5", "1.234", "1,20", "1e3", "12.", "x.y"]) {
    assert.throws(
      () => centsFromDollars(text),
      (error: unknown) =>
        error instanceof ValidationError && !!error.fieldErrors.limitCents?.length && !JSON.stringify(error.fieldErrors).includes(text),
    );
  }
});

test("cents format for reading and for editing", () => {
  assert.equal(formatCents(123450), "$1,234.50");
  assert.equal(formatCents(0), "$0.00");
  assert.equal(dollarsFromCents(2500), "25.00");
  assert.equal(dollarsFromCents(null), "");
});
