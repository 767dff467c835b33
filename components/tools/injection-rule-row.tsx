"use client";

import { useRef } from "react";
import { FormField, describedBy } from "@/components/ui/form-field";
import { TextField } from "@/components/ui/text-field";
import { focusRing, inputClass } from "@/components/ui/styles";
import type { TFieldErrors } from "@/lib/services/errors";
import { INJECTION_TARGETS, type TInjectionTarget } from "@/models/tool-constants";
import { RemovableRow } from "./removable-row";
import { ruleRowPath, type TRuleRow } from "./tool-draft";

const TARGETS: Record<TInjectionTarget, { label: string; namePlaceholder: string; nameHelp: string }> = {
  header: { label: "Header", namePlaceholder: "Authorization", nameHelp: "The HTTP header to set." },
  query: { label: "Query parameter", namePlaceholder: "api_key", nameHelp: "Added to the URL's query string." },
  body: { label: "JSON body field", namePlaceholder: "auth.token", nameHelp: "A dotted path in the JSON body." },
  basic_auth: { label: "Basic auth", namePlaceholder: "username", nameHelp: "username or password." },
};

/** The id of the list of basic-auth parts the rule's name offers (rendered once by the section). */
export const BASIC_AUTH_PARTS_ID = "basic-auth-parts";

/** One injection rule: where a value goes, its name there, and its template with placeholder buttons. */
export function InjectionRuleRow({
  rule,
  index,
  keys,
  errors,
  onChange,
  onRemove,
}: {
  rule: TRuleRow;
  index: number;
  /** The credential field keys the template may use. */
  keys: string[];
  errors: TFieldErrors;
  onChange: (patch: Partial<TRuleRow>) => void;
  onRemove: () => void;
}) {
  const templateInput = useRef<HTMLInputElement>(null);
  const p = ruleRowPath(index);
  const id = `ir-${rule.id}`;
  const target = TARGETS[rule.in];

  // Puts `{{key}}` where the cursor is (or over the selection), then gives the cursor back after it.
  function insertPlaceholder(key: string) {
    const input = templateInput.current;
    const placeholder = `{{${key}}}`;
    const start = input?.selectionStart ?? rule.template.length;
    const end = input?.selectionEnd ?? rule.template.length;
    onChange({ template: rule.template.slice(0, start) + placeholder + rule.template.slice(end) });
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(start + placeholder.length, start + placeholder.length);
    });
  }

  return (
    <RemovableRow title={`Rule ${index + 1}`} subtitle={rule.name ? `${target.label} ${rule.name}` : target.label} onRemove={onRemove}>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={`${id}-in`} label="Where" required errors={errors[`${p}.in`]}>
          <select
            id={`${id}-in`}
            value={rule.in}
            onChange={(e) => onChange({ in: e.target.value as TInjectionTarget })}
            aria-invalid={errors[`${p}.in`]?.length ? true : undefined}
            aria-describedby={describedBy(`${id}-in`)}
            className={inputClass}
          >
            {INJECTION_TARGETS.map((t) => (
              <option key={t} value={t}>
                {TARGETS[t].label}
              </option>
            ))}
          </select>
        </FormField>
        <TextField
          id={`${id}-name`}
          label="Name"
          required
          help={target.nameHelp}
          errors={errors[`${p}.name`]}
          code
          value={rule.name}
          onChange={(e) => onChange({ name: e.target.value })}
          placeholder={target.namePlaceholder}
          list={rule.in === "basic_auth" ? BASIC_AUTH_PARTS_ID : undefined}
        />
      </div>
      <TextField
        id={`${id}-template`}
        label="Template"
        required
        help={'The value sent, e.g. "Bearer {{apiKey}}".'}
        errors={errors[`${p}.template`]}
        code
        ref={templateInput}
        value={rule.template}
        onChange={(e) => onChange({ template: e.target.value })}
        placeholder="Bearer {{apiKey}}"
      />
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label={`Insert a placeholder into rule ${index + 1}'s template`}>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">Insert:</span>
        {keys.length ? (
          keys.map((key) => (
            <button
              key={key}
              type="button"
              onClick={() => insertPlaceholder(key)}
              aria-label={`Insert {{${key}}}`}
              className={`rounded-md bg-indigo-50 px-2 py-1 font-mono text-xs font-medium text-indigo-700 ring-1 ring-indigo-200 ring-inset hover:bg-indigo-100 dark:bg-indigo-950/60 dark:text-indigo-300 dark:ring-indigo-900 dark:hover:bg-indigo-900/60 ${focusRing}`}
            >
              {`{{${key}}}`}
            </button>
          ))
        ) : (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">Add a credential field to use its key here.</span>
        )}
      </div>
    </RemovableRow>
  );
}
