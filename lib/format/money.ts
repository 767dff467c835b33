// Amounts are stored as integer cents; people read dollars.
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2 });

export function formatCents(cents: number): string {
  return usd.format(cents / 100);
}
