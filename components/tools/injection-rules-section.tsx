"use client";

import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import type { TFieldErrors } from "@/lib/services/errors";
import { EmptyRows, FormSection, ListErrors } from "./form-section";
import { BASIC_AUTH_PARTS_ID, InjectionRuleRow } from "./injection-rule-row";
import type { TRuleRow } from "./tool-draft";

/** Where each credential value goes in the outbound request: a list of rule rows. */
export function InjectionRulesSection({
  rules,
  keys,
  errors,
  onAdd,
  onChange,
  onRemove,
}: {
  rules: TRuleRow[];
  keys: string[];
  errors: TFieldErrors;
  onAdd: () => void;
  onChange: (id: number, patch: Partial<TRuleRow>) => void;
  onRemove: (index: number) => void;
}) {
  return (
    <FormSection
      title="Injection rules"
      description="Where each credential goes in the outbound request. Templates fill {{key}} placeholders with the credential's fields."
    >
      <ListErrors errors={errors.injection} />
      {rules.length === 0 ? (
        <EmptyRows>No rules yet. A tool with credential fields needs at least one rule to send them.</EmptyRows>
      ) : (
        <ol className="space-y-4">
          {rules.map((rule, i) => (
            <li key={rule.id}>
              <InjectionRuleRow rule={rule} index={i} keys={keys} errors={errors} onChange={(patch) => onChange(rule.id, patch)} onRemove={() => onRemove(i)} />
            </li>
          ))}
        </ol>
      )}
      <datalist id={BASIC_AUTH_PARTS_ID}>
        <option value="username" />
        <option value="password" />
      </datalist>
      <Button variant="secondary" size="sm" onClick={onAdd}>
        <PlusIcon />
        Add injection rule
      </Button>
    </FormSection>
  );
}
