import { focusRing } from "./styles";

/** A checkbox with its label, and a description that the server's errors replace. */
export function CheckboxField({
  id,
  label,
  description,
  checked,
  onChange,
  errors,
}: {
  id: string;
  label: string;
  description: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  errors?: string[];
}) {
  return (
    <div className="flex items-start gap-2.5">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={`${id}-desc`}
        className={`mt-0.5 h-4 w-4 shrink-0 rounded border-zinc-300 accent-indigo-600 dark:border-zinc-600 ${focusRing}`}
      />
      <div className="min-w-0">
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        <p id={`${id}-desc`} className={`text-xs ${errors?.length ? "text-red-600 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"}`}>
          {errors?.length ? errors.join(" ") : description}
        </p>
      </div>
    </div>
  );
}
