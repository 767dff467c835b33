"use client";

import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import type { TActionError } from "@/lib/actions/run-action";
import { createToolAction } from "@/lib/actions/tools/create-tool";
import { updateToolAction } from "@/lib/actions/tools/update-tool";
import { CredentialFieldsSection, FixedCredentialFields } from "./credential-fields-section";
import { InjectionRulesSection } from "./injection-rules-section";
import { ToolBasicsSection } from "./tool-basics-section";
import { ToolEndpointSection } from "./tool-endpoint-section";
import { ToolInputSection } from "./tool-input-section";
import { ToolFormErrors } from "./tool-form-errors";
import {
  EMPTY_DRAFT,
  availableKeys,
  newFieldRow,
  newRuleRow,
  pathsShownByControls,
  toDefinition,
  withoutRow,
  type TFieldRow,
  type TRuleRow,
  type TToolDraft,
} from "./tool-draft";

/**
 * The custom tool form: a draft in state, sent as one definition; the server's errors go next to controls.
 * `initial` starts it from a saved tool (to duplicate it, or with `editing` to change it: then its slug
 * and credential fields stay as they are).
 */
export function ToolForm({ initial = EMPTY_DRAFT, editing = false }: { initial?: TToolDraft; editing?: boolean }) {
  const nextRowId = useRef(1 + initial.fields.length + initial.rules.length);
  const [draft, setDraft] = useState<TToolDraft>(initial);
  const [error, setError] = useState<TActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const errorBoxRef = useRef<HTMLDivElement>(null);

  // After a failed submit, take the keyboard to the first control the server complained about.
  useEffect(() => {
    if (!error) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? errorBoxRef.current)?.focus();
  }, [error]);

  const errors = error?.fieldErrors ?? {};
  const change = (patch: Partial<TToolDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const changeField = (id: number, patch: Partial<TFieldRow>) =>
    setDraft((d) => ({ ...d, fields: d.fields.map((r) => (r.id === id ? { ...r, ...patch } : r)) }));
  const changeRule = (id: number, patch: Partial<TRuleRow>) =>
    setDraft((d) => ({ ...d, rules: d.rules.map((r) => (r.id === id ? { ...r, ...patch } : r)) }));

  function addRow(list: "credentialFields" | "injection") {
    const id = nextRowId.current++;
    setDraft((d) => (list === "credentialFields" ? { ...d, fields: [...d.fields, newFieldRow(id)] } : { ...d, rules: [...d.rules, newRuleRow(id)] }));
  }

  function removeRow(list: "credentialFields" | "injection", index: number) {
    setDraft((d) =>
      list === "credentialFields" ? { ...d, fields: d.fields.filter((_, i) => i !== index) } : { ...d, rules: d.rules.filter((_, i) => i !== index) },
    );
    // Errors are keyed by position: the rows after the removed one move up, and so do their errors.
    setError((e) => (e?.fieldErrors ? { ...e, fieldErrors: withoutRow(e.fieldErrors, list, index) } : e));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData();
    form.set("definition", JSON.stringify(toDefinition(draft)));
    form.set("cost", draft.cost);
    if (editing) form.set("slug", initial.slug);
    startTransition(async () => {
      // On success the action redirects to the catalog; a result only comes back on failure.
      const result = await (editing ? updateToolAction : createToolAction)(null, form);
      setError(result?.ok === false ? result.error : null);
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-10">
      <ToolBasicsSection draft={draft} errors={errors} onChange={change} slugFixed={editing} />
      <ToolEndpointSection draft={draft} errors={errors} onChange={change} />
      <ToolInputSection draft={draft} errors={errors} onChange={change} />
      {editing ? (
        <FixedCredentialFields fields={draft.fields} />
      ) : (
        <CredentialFieldsSection
          fields={draft.fields}
          errors={errors}
          onAdd={() => addRow("credentialFields")}
          onChange={changeField}
          onRemove={(index) => removeRow("credentialFields", index)}
        />
      )}
      <InjectionRulesSection
        rules={draft.rules}
        keys={availableKeys(draft.fields)}
        errors={errors}
        onAdd={() => addRow("injection")}
        onChange={changeRule}
        onRemove={(index) => removeRow("injection", index)}
      />
      <div className="space-y-4 border-t border-zinc-200 pt-6 dark:border-zinc-800">
        {error ? <ToolFormErrors ref={errorBoxRef} error={error} shownPaths={pathsShownByControls(draft)} /> : null}
        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          <Link href="/tools" className={buttonClass({ variant: "secondary" })}>
            Cancel
          </Link>
          <Button type="submit" disabled={pending} aria-disabled={pending}>
            {editing ? (pending ? "Saving…" : "Save changes") : pending ? "Creating…" : "Create tool"}
          </Button>
        </div>
      </div>
    </form>
  );
}
