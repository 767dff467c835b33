"use client";

import { CheckboxField } from "@/components/ui/checkbox-field";
import { TextField } from "@/components/ui/text-field";
import type { TFieldErrors } from "@/lib/services/errors";
import { RemovableRow } from "./removable-row";
import { fieldRowPath, type TFieldRow } from "./tool-draft";

/** One credential field of the tool: key, label, help, pattern and its options. */
export function CredentialFieldRow({
  field,
  index,
  errors,
  onChange,
  onRemove,
}: {
  field: TFieldRow;
  index: number;
  errors: TFieldErrors;
  onChange: (patch: Partial<TFieldRow>) => void;
  onRemove: () => void;
}) {
  const p = fieldRowPath(index);
  const id = `cf-${field.id}`;
  return (
    <RemovableRow title={`Field ${index + 1}`} subtitle={field.label || field.key} onRemove={onRemove}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${id}-key`}
          label="Key"
          required
          help="Used in templates as {{key}}."
          errors={errors[`${p}.key`]}
          code
          value={field.key}
          onChange={(e) => onChange({ key: e.target.value })}
          placeholder="apiKey"
        />
        <TextField
          id={`${id}-label`}
          label="Label"
          required
          errors={errors[`${p}.label`]}
          value={field.label}
          onChange={(e) => onChange({ label: e.target.value })}
          placeholder="API key"
        />
      </div>
      <TextField
        id={`${id}-help`}
        label="Help"
        help="Where to find the value, shown under the field."
        errors={errors[`${p}.help`]}
        value={field.help}
        onChange={(e) => onChange({ help: e.target.value })}
        placeholder="From the dashboard → Settings → API keys."
      />
      <TextField
        id={`${id}-pattern`}
        label="Pattern"
        help="A regular expression the whole value must match, e.g. sk-[A-Za-z0-9]{20,}"
        errors={errors[`${p}.pattern`]}
        code
        value={field.pattern}
        onChange={(e) => onChange({ pattern: e.target.value })}
      />
      <fieldset>
        <legend className="sr-only">Options for field {index + 1}</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          <CheckboxField
            id={`${id}-secret`}
            label="Secret"
            description="Encrypted, masked after saving."
            checked={field.secret}
            onChange={(secret) => onChange({ secret })}
            errors={errors[`${p}.secret`]}
          />
          <CheckboxField
            id={`${id}-required`}
            label="Required"
            description="A credential must fill it."
            checked={field.required}
            onChange={(required) => onChange({ required })}
            errors={errors[`${p}.required`]}
          />
          {field.secret ? (
            <CheckboxField
              id={`${id}-hint`}
              label="Keep a hint"
              description="Show the last 4 characters."
              checked={field.hint}
              onChange={(hint) => onChange({ hint })}
              errors={errors[`${p}.hint`]}
            />
          ) : null}
        </div>
      </fieldset>
    </RemovableRow>
  );
}
