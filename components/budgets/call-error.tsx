import { errorCodeInfo } from "@/lib/services/invoke/error-codes";

/** A failed call's error code, opening to what it means and what fixes it (the one catalog of codes). */
export function CallError({ code }: { code: string }) {
  const info = errorCodeInfo(code);
  if (!info) return <code className="font-mono text-xs">{code}</code>;
  return (
    <details className="group max-w-md">
      <summary className="cursor-pointer list-none rounded font-mono text-xs text-zinc-800 underline decoration-dotted underline-offset-2 dark:text-zinc-200 [&::-webkit-details-marker]:hidden">
        {code}
      </summary>
      <div className="mt-1 space-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <p>{info.meaning}</p>
        <p>
          <span className="font-medium text-zinc-800 dark:text-zinc-200">Fix: </span>
          {info.fix}
        </p>
        <p>{info.charged ? "Charged to the budget." : "Not charged."}</p>
      </div>
    </details>
  );
}
