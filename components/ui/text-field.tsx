import type { ComponentProps, ReactNode } from "react";
import { FormField, describedBy } from "./form-field";
import { inputClass } from "./styles";

type TTextFieldProps = Omit<ComponentProps<"input">, "id"> & {
  id: string;
  label: string;
  help?: ReactNode;
  errors?: string[];
  /** Identifiers, URLs, templates: monospace, and no auto-capitalisation or spell-checking. */
  code?: boolean;
};

/** A labelled input wired to its help and the server's errors (aria-describedby, aria-invalid). */
export function TextField({ id, label, help, errors, code = false, required, className = "", ...input }: TTextFieldProps) {
  return (
    <FormField id={id} label={label} help={help} errors={errors} required={required}>
      <input
        id={id}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id)}
        className={`${inputClass} ${code ? "font-mono" : ""} ${className}`}
        {...(code ? { autoCapitalize: "none", autoCorrect: "off", spellCheck: false } : {})}
        {...input}
      />
    </FormField>
  );
}
