"use client";

import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import type { TFieldErrors } from "@/lib/services/errors";
import { CredentialFieldRow } from "./credential-field-row";
import { EmptyRows, FormSection, ListErrors } from "./form-section";
import type { TFieldRow } from "./tool-draft";

/** What a person enters for a credential of this tool: a list of field rows. */
export function CredentialFieldsSection({
  fields,
  errors,
  onAdd,
  onChange,
  onRemove,
}: {
  fields: TFieldRow[];
  errors: TFieldErrors;
  onAdd: () => void;
  onChange: (id: number, patch: Partial<TFieldRow>) => void;
  onRemove: (index: number) => void;
}) {
  return (
    <FormSection
      title="Credential fields"
      description="What a person enters when they add a credential for this tool. Secret fields are encrypted and never shown again."
    >
      <ListErrors errors={errors.credentialFields} />
      {fields.length === 0 ? (
        <EmptyRows>This tool needs no credentials. Add a field if the API takes a key, token or login.</EmptyRows>
      ) : (
        <ol className="space-y-4">
          {fields.map((field, i) => (
            <li key={field.id}>
              <CredentialFieldRow field={field} index={i} errors={errors} onChange={(patch) => onChange(field.id, patch)} onRemove={() => onRemove(i)} />
            </li>
          ))}
        </ol>
      )}
      <Button variant="secondary" size="sm" onClick={onAdd}>
        <PlusIcon />
        Add credential field
      </Button>
    </FormSection>
  );
}

/** A saved tool's credential fields, which stay: credentials already hold them. */
export function FixedCredentialFields({ fields }: { fields: TFieldRow[] }) {
  return (
    <FormSection
      title="Credential fields"
      description="They belong to the tool's integration and stay as they are: credentials already hold them. To change them, duplicate the tool."
    >
      {fields.length === 0 ? (
        <EmptyRows>This tool needs no credentials.</EmptyRows>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
          {fields.map((field) => (
            <li key={field.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5">
              <span className="font-medium">{field.label}</span>
              <code className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{`{{${field.key}}}`}</code>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">
                {field.secret ? "secret" : "not secret"} · {field.required ? "required" : "optional"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </FormSection>
  );
}
