"use client";

import { useActionState, useState, startTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { FormField, describedBy } from "@/components/ui/form-field";
import { TextField } from "@/components/ui/text-field";
import { FormError } from "@/components/ui/form-error";
import { SecretInput } from "@/components/ui/secret-input";
import { Button, ButtonLink } from "@/components/ui/button";
import { inputClass } from "@/components/ui/styles";
import { SECRET_MASK } from "@/lib/crypto/masking";
import { matchesPattern } from "@/lib/services/credentials/credential-input";
import type { TActionError, TActionResult } from "@/lib/actions/run-action";
import { createCredentialAction } from "@/app/(dashboard)/credentials/actions/create-credential";
import { updateCredentialAction } from "@/app/(dashboard)/credentials/actions/update-credential";

export type TFormField = { key: string; label: string; help: string | null; secret: boolean; required: boolean; pattern: string | null };

type TProps = {
  tool: { slug: string; name: string; fields: TFormField[] };
} & (
  | { mode: "create"; budget: { id: string; name: string } | null }
  | {
      mode: "edit";
      credentialId: string;
      name: string;
      /** Plain values, and for secrets only whether one is saved and its hint. */
      plainValues: Record<string, string>;
      savedSecrets: Record<string, { hint: string | null }>;
    }
);

type TSubmitted = { name: string; fields: { key: string; value: string }[] };

export function CredentialForm(props: TProps) {
  const router = useRouter();
  const { tool } = props;
  const [name, setName] = useState(props.mode === "edit" ? props.name : "");
  // Plain values live in state; secret inputs are uncontrolled, so React never mirrors a typed secret
  // into the DOM's value attribute. Both keep what was typed when the server answers with errors.
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(tool.fields.filter((f) => !f.secret).map((f) => [f.key, props.mode === "edit" ? (props.plainValues[f.key] ?? "") : ""])),
  );
  // Which fields were sent last, to place the server's errors (never the values themselves).
  const [submittedKeys, setSubmittedKeys] = useState<string[]>([]);
  // Fields whose value does not match the tool's pattern: a hint while typing; the server decides.
  const [offPattern, setOffPattern] = useState<Record<string, boolean>>({});

  const [result, submit, pending] = useActionState(async (_: TActionResult | null, payload: TSubmitted): Promise<TActionResult> => {
    if (props.mode === "create") {
      const created = await createCredentialAction({ toolSlug: tool.slug, budgetId: props.budget?.id ?? null, ...payload });
      if (created.ok) router.push(created.boundBudgetId ? `/budgets/${created.boundBudgetId}` : "/credentials");
      return created;
    }
    const updated = await updateCredentialAction(props.credentialId, payload);
    if (updated.ok) router.push("/credentials");
    return updated;
  }, null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const valueOf = (f: TFormField) => (f.secret ? String(form.get(f.key) ?? "") : (values[f.key] ?? ""));
    // On edit, a secret left empty is left out: the saved one is kept.
    const fields = tool.fields
      .map((f) => ({ key: f.key, value: valueOf(f), keep: props.mode === "edit" && f.secret && valueOf(f) === "" }))
      .filter((f) => !f.keep)
      .map(({ key, value }) => ({ key, value }));
    setSubmittedKeys(fields.map((f) => f.key));
    startTransition(() => submit({ name, fields }));
  }

  const error: TActionError | null = result && !result.ok ? result.error : null;
  const errorsFor = (key: string): string[] | undefined => {
    if (!error?.fieldErrors) return undefined;
    const index = submittedKeys.indexOf(key);
    const found = [...(error.fieldErrors[`fields.${key}`] ?? []), ...(index >= 0 ? (error.fieldErrors[`fields.${index}.value`] ?? []) : [])];
    return found.length ? found : undefined;
  };
  const fieldLevelKeys = new Set(["name", ...tool.fields.map((f) => `fields.${f.key}`)]);
  const formLevel = error && (!error.fieldErrors || Object.keys(error.fieldErrors).some((k) => !fieldLevelKeys.has(k) && !/^fields\.\d+\.value$/.test(k)))
    ? error.message
    : error
      ? "Please fix the fields marked below."
      : null;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <TextField
        id="credential-name"
        label="Name"
        help="To recognise it, e.g. “Production” or “Alice's key”."
        errors={error?.fieldErrors?.name}
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={100}
        placeholder="e.g. Production"
      />

      {tool.fields.map((field) => {
        const id = `field-${field.key}`;
        const errors = errorsFor(field.key);
        const saved = props.mode === "edit" && field.secret ? props.savedSecrets[field.key] : undefined;
        const help = offPattern[field.key]
          ? `This does not look like a ${field.label}. Check it; the server decides on save.`
          : saved
            ? `Saved as ${SECRET_MASK}${saved.hint ?? ""}. Leave empty to keep it; type a new value to replace it.`
            : field.help;
        const common = {
          id,
          name: field.key,
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

      <FormError message={formLevel} />

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
