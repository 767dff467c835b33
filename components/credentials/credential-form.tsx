"use client";

import { useState, startTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { FormField, describedBy } from "@/components/ui/form-field";
import { TextField } from "@/components/ui/text-field";
import { FormError, formLevelMessage } from "@/components/ui/form-error";
import { SecretInput } from "@/components/ui/secret-input";
import { Button, ButtonLink } from "@/components/ui/button";
import { useNoticedAction } from "@/components/ui/notices";
import { inputClass } from "@/components/ui/styles";
import { SECRET_MASK } from "@/lib/crypto/masking";
import { matchesPattern } from "@/lib/services/credentials/credential-input";
import type { TActionError, TActionResult } from "@/lib/actions/run-action";
import { credentialFieldName } from "@/lib/actions/credentials/credential-form";
import { createCredentialAction } from "@/lib/actions/credentials/create-credential";
import { updateCredentialAction } from "@/lib/actions/credentials/update-credential";

export type TFormField = { key: string; label: string; help: string | null; secret: boolean; required: boolean; pattern: string | null };

type TProps = {
  tool: { slug: string; name: string; fields: TFormField[] };
} & (
  | { mode: "create"; budget: { id: string; name: string } | null }
  | {
      mode: "edit";
      credentialId: string;
      name: string;
      /** The saved expiry date, as yyyy-mm-dd, or "". */
      expiresOn: string;
      /** Plain values, and for secrets only whether one is saved and its hint. */
      plainValues: Record<string, string>;
      savedSecrets: Record<string, { hint: string | null }>;
    }
);

export function CredentialForm(props: TProps) {
  const router = useRouter();
  const { tool } = props;
  const [name, setName] = useState(props.mode === "edit" ? props.name : "");
  const [expiresOn, setExpiresOn] = useState(props.mode === "edit" ? props.expiresOn : "");
  // Plain values live in state; secret inputs are uncontrolled, so React never mirrors a typed secret
  // into the DOM's value attribute. Both keep what was typed when the server answers with errors.
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(tool.fields.filter((f) => !f.secret).map((f) => [f.key, props.mode === "edit" ? (props.plainValues[f.key] ?? "") : ""])),
  );
  // Fields whose value does not match the tool's pattern: a hint while typing; the server decides.
  const [offPattern, setOffPattern] = useState<Record<string, boolean>>({});

  const [result, submit, pending, formRef] = useNoticedAction(
    async (previous: unknown, form: FormData): Promise<TActionResult> => {
      if (props.mode === "create") {
        const created = await createCredentialAction(previous, form);
        if (created.ok) router.push(created.boundBudgetId ? `/budgets/${created.boundBudgetId}` : "/credentials");
        return created;
      }
      const updated = await updateCredentialAction(previous, form);
      if (updated.ok) router.push("/credentials");
      return updated;
    },
    () =>
      props.mode === "edit"
        ? `Credential “${name.trim()}” saved.`
        : props.budget
          ? `Credential “${name.trim()}” saved and bound to ${props.budget.name}.`
          : `Credential “${name.trim()}” saved.`,
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Submitted by hand rather than through `action`, which would reset the uncontrolled secret inputs.
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // On edit, a secret left empty is left out: the saved one is kept.
    if (props.mode === "edit") {
      for (const f of tool.fields) if (f.secret && form.get(credentialFieldName(f.key)) === "") form.delete(credentialFieldName(f.key));
    }
    startTransition(() => submit(form));
  }

  const error: TActionError | null = result && !result.ok ? result.error : null;
  const fieldLevelKeys = ["name", ...tool.fields.map((f) => credentialFieldName(f.key))];
  const marked = error ? fieldLevelKeys.filter((key) => error.fieldErrors?.[key]?.length) : [];
  const labelOf = (key: string) => (key === "name" ? "Name" : (tool.fields.find((f) => credentialFieldName(f.key) === key)?.label ?? key));
  // A summary above the fields, naming them, so the first thing read after a failure says what to fix.
  const formLevel = error
    ? (formLevelMessage(error, fieldLevelKeys) ??
      `The credential was not saved. ${marked.length === 1 ? "Check this field" : "Check these fields"}: ${marked.map(labelOf).join(", ")}.`)
    : null;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-6">
      <FormError message={formLevel} />
      {props.mode === "create" ? (
        <>
          <input type="hidden" name="toolSlug" value={tool.slug} />
          {props.budget ? <input type="hidden" name="budgetId" value={props.budget.id} /> : null}
        </>
      ) : (
        <input type="hidden" name="id" value={props.credentialId} />
      )}
      <TextField
        id="credential-name"
        label="Name"
        help="To recognise it, e.g. “Production” or “Alice's key”."
        errors={error?.fieldErrors?.name}
        required
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={100}
        placeholder="e.g. Production"
      />

      {tool.fields.map((field) => {
        const id = `field-${field.key}`;
        const errors = error?.fieldErrors?.[credentialFieldName(field.key)];
        const saved = props.mode === "edit" && field.secret ? props.savedSecrets[field.key] : undefined;
        const help = offPattern[field.key]
          ? `This does not look like a valid ${field.label}.${field.help ? ` ${field.help}` : ""} You can still save it.`
          : saved
            ? `Saved as ${SECRET_MASK}${saved.hint ?? ""}. Leave empty to keep it; type a new value to replace it.`
            : field.help;
        const common = {
          id,
          name: credentialFieldName(field.key),
          required: field.required && !saved,
          "aria-invalid": !!errors,
          "aria-describedby": describedBy(id),
          "aria-label": field.label,
          onBlur: (e: { currentTarget: { value: string } }) => {
            const value = e.currentTarget.value;
            const off = !!field.pattern && value !== "" && !matchesPattern(field.pattern, value);
            setOffPattern((p) => (p[field.key] === off ? p : { ...p, [field.key]: off }));
          },
        };
        return (
          <FormField key={field.key} id={id} label={field.label} help={help} errors={errors} required={field.required}>
            {field.secret ? (
              <SecretInput {...common} placeholder={saved ? `${SECRET_MASK}${saved.hint ?? ""}` : undefined} />
            ) : (
              <input
                {...common}
                value={values[field.key] ?? ""}
                onChange={(e) => setValues((v) => ({ ...v, [field.key]: e.target.value }))}
                autoComplete="off"
                className={inputClass}
              />
            )}
          </FormField>
        );
      })}

      {/* On the credential's page (creating asks only what the vendor needs; GraphQL takes it on create too). */}
      {props.mode === "edit" && tool.fields.some((f) => f.secret) ? (
        <TextField
          id="credential-expires"
          label="Expires on"
          help="Optional: when the vendor says this secret stops working. You are warned 14 and 3 days before, and on the day."
          errors={error?.fieldErrors?.expiresAt}
          name="expiresAt"
          type="date"
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)}
        />
      ) : null}

      <div className="flex flex-wrap items-center gap-3 border-t border-zinc-200 pt-5 dark:border-zinc-800">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : props.mode === "create" ? (props.budget ? `Save and bind to ${props.budget.name}` : "Save credential") : "Save changes"}
        </Button>
        <ButtonLink href="/credentials" variant="ghost">
          Cancel
        </ButtonLink>
        <p className="ml-auto text-xs text-zinc-500 dark:text-zinc-400">Secrets are encrypted before they are stored and never shown again.</p>
      </div>
    </form>
  );
}
