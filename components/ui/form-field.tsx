import type { ReactNode } from "react";

/**
 * A labelled control with its help text and the server's errors for it. The control itself is passed as
 * children and must use `id` = htmlFor and `aria-describedby` = `${id}-desc` (see describedBy()).
 */
export function FormField({
  id,
  label,
  help,
  errors,
  required,
  children,
}: {
  id: string;
  label: string;
  help?: ReactNode;
  errors?: string[];
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-900 dark:text-zinc-100">
        {label}
        {required ? (
          <span className="ml-0.5 text-red-600 dark:text-red-400" aria-hidden="true">
            *
          </span>
        ) : (
          <span className="ml-1.5 text-xs font-normal text-zinc-500 dark:text-zinc-400">optional</span>
        )}
      </label>
      <div className="mt-1.5">{children}</div>
      <div id={`${id}-desc`}>
        {errors?.length ? (
          <p className="mt-1.5 text-sm text-red-600 dark:text-red-400">{errors.join(" ")}</p>
        ) : help ? (
          <p className="mt-1.5 text-xs text-zinc-600 dark:text-zinc-400">{help}</p>
        ) : null}
      </div>
    </div>
  );
}

export function describedBy(id: string) {
  return `${id}-desc`;
}
