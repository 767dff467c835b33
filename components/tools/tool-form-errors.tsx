import type { Ref } from "react";
import { FormError } from "@/components/ui/form-error";
import type { TActionError } from "@/lib/actions/run-action";

/**
 * The failed submission's message, then the errors no control shows (paths outside the form's rows,
 * or "_" for the definition as a whole), so none is lost. Focusable: the keyboard lands here when no
 * control is marked invalid.
 */
export function ToolFormErrors({ error, shownPaths, ref }: { error: TActionError; shownPaths: Set<string>; ref?: Ref<HTMLDivElement> }) {
  const fieldErrors = error.fieldErrors ?? {};
  const leftover = Object.entries(fieldErrors).filter(([path]) => !shownPaths.has(path));
  return (
    <div ref={ref} tabIndex={-1} className="outline-none">
      <FormError message={Object.keys(fieldErrors).length ? `${error.message} Fix the highlighted fields and try again.` : error.message} />
      {leftover.length ? (
        <ul className="mt-2 list-disc pl-5 text-sm text-red-700 dark:text-red-300">
          {leftover.map(([path, messages]) => (
            <li key={path}>
              <span className="font-mono">{path === "_" ? "tool" : path}</span> {messages.join(" ")}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
