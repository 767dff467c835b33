/** "3 min ago" with the exact time on hover; server-rendered, so no hydration mismatch. */
export function TimeAgo({ date, never = "Not used yet" }: { date: Date | string | null | undefined; never?: string }) {
  if (!date) return <span className="text-zinc-500 dark:text-zinc-400">{never}</span>;
  const d = new Date(date);
  const seconds = Math.round((Date.now() - d.getTime()) / 1000);
  const units: [number, string][] = [[86_400, "day"], [3_600, "hour"], [60, "min"]];
  let text = "just now";
  for (const [size, unit] of units) {
    if (seconds >= size) {
      const n = Math.floor(seconds / size);
      text = `${n} ${unit}${n > 1 && unit !== "min" ? "s" : ""} ago`;
      break;
    }
  }
  return (
    <time dateTime={d.toISOString()} title={d.toUTCString()}>
      {text}
    </time>
  );
}
