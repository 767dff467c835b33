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
