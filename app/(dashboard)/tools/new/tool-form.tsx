"use client";

import { useEffect, useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { FormError } from "@/components/ui/form-error";
import { FormField, describedBy } from "@/components/ui/form-field";
import { TextField } from "@/components/ui/text-field";
import { cardClass, focusRing, inputClass } from "@/components/ui/styles";
import type { TActionError } from "@/lib/actions/run-action";
import { formatCents } from "@/lib/services/budgets/money";
import type { TToolDefinitionInput } from "@/lib/services/tools/tool-definition";
import { HTTP_METHODS, INJECTION_TARGETS, type THttpMethod, type TInjectionTarget } from "@/models/tool-constants";
import { createToolAction } from "../actions/create-tool";

type TFieldRow = {
  id: number;
  key: string;
  label: string;
  help: string;
  secret: boolean;
  required: boolean;
  hint: boolean;
  pattern: string;
};
type TRuleRow = { id: number; in: TInjectionTarget; name: string; template: string };
type TFieldErrors = NonNullable<TActionError["fieldErrors"]>;

const TARGETS: Record<TInjectionTarget, { label: string; namePlaceholder: string; nameHelp: string }> = {
  header: { label: "Header", namePlaceholder: "Authorization", nameHelp: "The HTTP header to set." },
  query: { label: "Query parameter", namePlaceholder: "api_key", nameHelp: "Added to the URL's query string." },
  body: { label: "JSON body field", namePlaceholder: "auth.token", nameHelp: "A dotted path in the JSON body." },
  basic_auth: { label: "Basic auth", namePlaceholder: "username", nameHelp: "username or password." },
};

const textareaClass = `${inputClass} min-h-20 resize-y`;

export function ToolForm() {
  const nextId = useRef(1);
  const newId = () => nextId.current++;

  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [description, setDescription] = useState("");
  const [method, setMethod] = useState<THttpMethod>("GET");
  const [url, setUrl] = useState("");
  const [cost, setCost] = useState("0");
  const [fields, setFields] = useState<TFieldRow[]>([]);
  const [rules, setRules] = useState<TRuleRow[]>([]);

  const [error, setError] = useState<TActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const errorBoxRef = useRef<HTMLDivElement>(null);
  const templateInputs = useRef(new Map<number, HTMLInputElement>());

  // After a failed submit, take the keyboard to the first control the server complained about.
  useEffect(() => {
    if (!error) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? errorBoxRef.current)?.focus();
  }, [error]);

  const fieldErrors: TFieldErrors = error?.fieldErrors ?? {};
  const shown = new Set<string>();
  const errorsFor = (path: string): string[] | undefined => {
    shown.add(path);
    return fieldErrors[path];
  };
  const invalid = (path: string) => (fieldErrors[path]?.length ? true : undefined);

  const availableKeys = [...new Set(fields.map((f) => f.key.trim()).filter(Boolean))];

  function buildInput(): TToolDefinitionInput {
    return {
      slug: slug.trim(),
      name,
      description,
      endpoint: { method, url: url.trim() },
      costCents: cost.trim() === "" ? undefined : Number(cost),
      credentialFields: fields.map((f) => ({
        key: f.key.trim(),
        label: f.label,
        help: f.help.trim() || undefined,
        secret: f.secret,
        required: f.required,
        hint: f.secret && f.hint,
        pattern: f.pattern || undefined,
      })),
      injection: rules.map((r) => ({ in: r.in, name: r.name.trim(), template: r.template })),
    };
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = buildInput();
    startTransition(async () => {
      // On success the action redirects to the catalog; a result only comes back on failure.
      const result = await createToolAction(input);
      setError(result?.ok === false ? result.error : null);
    });
  }

  function updateField(id: number, patch: Partial<TFieldRow>) {
    setFields((rows) => rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  }
  function updateRule(id: number, patch: Partial<TRuleRow>) {
    setRules((rows) => rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  }
  function removeRow(list: "credentialFields" | "injection", index: number) {
    if (list === "credentialFields") setFields((rows) => rows.filter((_, i) => i !== index));
    else setRules((rows) => rows.filter((_, i) => i !== index));
    // Errors are keyed by position: the rows after the removed one move up, and so do their errors.
    setError((e) => (e?.fieldErrors ? { ...e, fieldErrors: withoutRow(e.fieldErrors, list, index) } : e));
  }
  function insertPlaceholder(rule: TRuleRow, key: string) {
    const input = templateInputs.current.get(rule.id);
    const placeholder = `{{${key}}}`;
    const start = input?.selectionStart ?? rule.template.length;
    const end = input?.selectionEnd ?? rule.template.length;
    updateRule(rule.id, { template: rule.template.slice(0, start) + placeholder + rule.template.slice(end) });
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(start + placeholder.length, start + placeholder.length);
    });
  }

  const costNumber = Number(cost);
  const costPreview = cost.trim() !== "" && Number.isInteger(costNumber) && costNumber >= 0 ? costNumber : null;

  // Rendered before the leftover-errors list below, so `shown` knows every path a control displays.
  const sections = (
    <>
      <FormSection title="Basics" description="How the tool appears in your catalog. Agents call it by its slug.">
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            id="tool-name"
            label="Name"
            required
            errors={errorsFor("name")}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              if (!slugEdited) setSlug(suggestSlug(e.target.value));
            }}
            placeholder="Acme Geocoding"
            maxLength={100}
          />
          <TextField
            id="tool-slug"
            label="Slug"
            required
            help="Lowercase letters, digits and dashes."
            errors={errorsFor("slug")}
            code
            value={slug}
            onChange={(e) => {
              setSlug(e.target.value);
              setSlugEdited(true);
            }}
            placeholder="acme-geocoding"
          />
        </div>
        <FormField id="tool-description" label="Description" help="What the API does, in a sentence." errors={errorsFor("description")}>
          <textarea
            id="tool-description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-invalid={invalid("description")}
            aria-describedby={describedBy("tool-description")}
            className={textareaClass}
            maxLength={500}
            rows={2}
          />
        </FormField>
      </FormSection>

      <FormSection title="Endpoint" description="The one URL a call to this tool goes to, and what each call costs a budget.">
        <div className="grid gap-5 sm:grid-cols-[8rem_1fr]">
          <FormField id="tool-method" label="Method" required errors={errorsFor("endpoint.method")}>
            <select
              id="tool-method"
              value={method}
              onChange={(e) => setMethod(e.target.value as THttpMethod)}
              aria-invalid={invalid("endpoint.method")}
              aria-describedby={describedBy("tool-method")}
              className={`${inputClass} font-mono`}
            >
              {HTTP_METHODS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </FormField>
          <TextField
            id="tool-url"
            label="URL"
            required
            help="An http(s) URL without credentials in it."
            errors={errorsFor("endpoint.url")}
            code
            type="url"
            inputMode="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://api.example.com/v1/geocode"
          />
        </div>
        <div className="sm:max-w-xs">
          <TextField
            id="tool-cost"
            label="Cost per call (cents)"
            help={costPreview === null ? "Whole cents, 0 for free." : costPreview === 0 ? "Free to call." : `${formatCents(costPreview)} per call.`}
            errors={errorsFor("costCents")}
            className="tabular-nums"
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={cost}
            onChange={(e) => setCost(e.target.value)}
          />
        </div>
      </FormSection>

      <FormSection
        title="Credential fields"
        description="What a person enters when they add a credential for this tool. Secret fields are encrypted and never shown again."
      >
        <ListErrors errors={errorsFor("credentialFields")} />
        {fields.length === 0 ? (
          <EmptyRows>This tool needs no credentials. Add a field if the API takes a key, token or login.</EmptyRows>
        ) : (
          <ol className="space-y-4">
            {fields.map((field, i) => {
              const p = `credentialFields.${i}`;
              const id = `cf-${field.id}`;
              return (
                <li key={field.id}>
                  <Row title={`Field ${i + 1}`} subtitle={field.label || field.key} onRemove={() => removeRow("credentialFields", i)}>
                    <div className="grid gap-4 sm:grid-cols-2">
                      <TextField
                        id={`${id}-key`}
                        label="Key"
                        required
                        help="Used in templates as {{key}}."
                        errors={errorsFor(`${p}.key`)}
                        code
                        value={field.key}
                        onChange={(e) => updateField(field.id, { key: e.target.value })}
                        placeholder="apiKey"
                      />
                      <TextField
                        id={`${id}-label`}
                        label="Label"
                        required
                        errors={errorsFor(`${p}.label`)}
                        value={field.label}
                        onChange={(e) => updateField(field.id, { label: e.target.value })}
                        placeholder="API key"
                      />
                    </div>
                    <TextField
                      id={`${id}-help`}
                      label="Help"
                      help="Where to find the value, shown under the field."
                      errors={errorsFor(`${p}.help`)}
                      value={field.help}
                      onChange={(e) => updateField(field.id, { help: e.target.value })}
                      placeholder="From the dashboard → Settings → API keys."
                    />
                    <TextField
                      id={`${id}-pattern`}
                      label="Pattern"
                      help="A regular expression the whole value must match, e.g. sk-[A-Za-z0-9]{20,}"
                      errors={errorsFor(`${p}.pattern`)}
                      code
                      value={field.pattern}
                      onChange={(e) => updateField(field.id, { pattern: e.target.value })}
                    />
                    <fieldset>
                      <legend className="sr-only">Options for field {i + 1}</legend>
                      <div className="grid gap-3 sm:grid-cols-3">
                        <Checkbox
                          id={`${id}-secret`}
                          label="Secret"
                          description="Encrypted, masked after saving."
                          checked={field.secret}
                          onChange={(secret) => updateField(field.id, { secret })}
                          errors={errorsFor(`${p}.secret`)}
                        />
                        <Checkbox
                          id={`${id}-required`}
                          label="Required"
                          description="A credential must fill it."
                          checked={field.required}
                          onChange={(required) => updateField(field.id, { required })}
                          errors={errorsFor(`${p}.required`)}
                        />
                        {field.secret ? (
                          <Checkbox
                            id={`${id}-hint`}
                            label="Keep a hint"
                            description="Show the last 4 characters."
                            checked={field.hint}
                            onChange={(hint) => updateField(field.id, { hint })}
                            errors={errorsFor(`${p}.hint`)}
                          />
                        ) : null}
                      </div>
                    </fieldset>
                  </Row>
                </li>
              );
            })}
          </ol>
        )}
        <Button
          variant="secondary"
          size="sm"
          onClick={() =>
            setFields((rows) => [
              ...rows,
              { id: newId(), key: "", label: "", help: "", secret: true, required: true, hint: false, pattern: "" },
            ])
          }
        >
          <PlusIcon />
          Add credential field
        </Button>
      </FormSection>

      <FormSection
        title="Injection rules"
        description="Where each credential goes in the outbound request. Templates fill {{key}} placeholders with the credential's fields."
      >
        <ListErrors errors={errorsFor("injection")} />
        {rules.length === 0 ? (
          <EmptyRows>No rules yet. A tool with credential fields needs at least one rule to send them.</EmptyRows>
        ) : (
          <ol className="space-y-4">
            {rules.map((rule, i) => {
              const p = `injection.${i}`;
              const id = `ir-${rule.id}`;
              const target = TARGETS[rule.in];
              return (
                <li key={rule.id}>
                  <Row title={`Rule ${i + 1}`} subtitle={rule.name ? `${target.label} ${rule.name}` : target.label} onRemove={() => removeRow("injection", i)}>
                    <div className="grid gap-4 sm:grid-cols-2">
                      <FormField id={`${id}-in`} label="Where" required errors={errorsFor(`${p}.in`)}>
                        <select
                          id={`${id}-in`}
                          value={rule.in}
                          onChange={(e) => updateRule(rule.id, { in: e.target.value as TInjectionTarget })}
                          aria-invalid={invalid(`${p}.in`)}
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
                        errors={errorsFor(`${p}.name`)}
                        code
                        value={rule.name}
                        onChange={(e) => updateRule(rule.id, { name: e.target.value })}
                        placeholder={target.namePlaceholder}
                        list={rule.in === "basic_auth" ? "basic-auth-parts" : undefined}
                      />
                    </div>
                    <TextField
                      id={`${id}-template`}
                      label="Template"
                      required
                      help={'The value sent, e.g. "Bearer {{apiKey}}".'}
                      errors={errorsFor(`${p}.template`)}
                      code
                      ref={(el) => {
                        if (el) templateInputs.current.set(rule.id, el);
                        else templateInputs.current.delete(rule.id);
                      }}
                      value={rule.template}
                      onChange={(e) => updateRule(rule.id, { template: e.target.value })}
                      placeholder="Bearer {{apiKey}}"
                    />
                    <div className="flex flex-wrap items-center gap-2" role="group" aria-label={`Insert a placeholder into rule ${i + 1}'s template`}>
                      <span className="text-xs text-zinc-600 dark:text-zinc-400">Insert:</span>
                      {availableKeys.length ? (
                        availableKeys.map((key) => (
                          <button
                            key={key}
                            type="button"
                            onClick={() => insertPlaceholder(rule, key)}
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
                  </Row>
                </li>
              );
            })}
          </ol>
        )}
        <datalist id="basic-auth-parts">
          <option value="username" />
          <option value="password" />
        </datalist>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => setRules((rows) => [...rows, { id: newId(), in: "header", name: "", template: "" }])}
        >
          <PlusIcon />
          Add injection rule
        </Button>
      </FormSection>
    </>
  );

  const leftover = Object.entries(fieldErrors).filter(([path]) => !shown.has(path));

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-10">
      {sections}
      <div className="space-y-4 border-t border-zinc-200 pt-6 dark:border-zinc-800">
        {error ? (
          <div ref={errorBoxRef} tabIndex={-1} className="outline-none">
            <FormError
              message={
                error.fieldErrors && Object.keys(error.fieldErrors).length
                  ? `${error.message} Fix the highlighted fields and try again.`
                  : error.message
              }
            />
            {leftover.length ? (
              <ul className="mt-2 list-disc pl-5 text-sm text-red-700 dark:text-red-300">
                {leftover.map(([path, messages]) => (
                  <li key={path}>
                    <span className="font-mono">{path === "_" ? "tool" : path}</span> {messages.join(" ")}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          <Link href="/tools" className={buttonClass({ variant: "secondary" })}>
            Cancel
          </Link>
          <Button type="submit" disabled={pending} aria-disabled={pending}>
            {pending ? "Creating…" : "Create tool"}
          </Button>
        </div>
      </div>
    </form>
  );
}

/** A suggestion while the slug is untouched; the server decides what a valid slug is. */
function suggestSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
}

/** Moves errors keyed `${list}.${n}.…` up by one for rows after the removed index; drops the removed row's. */
function withoutRow(errors: TFieldErrors, list: string, index: number): TFieldErrors {
  const out: TFieldErrors = {};
  for (const [path, messages] of Object.entries(errors)) {
    const match = new RegExp(`^${list}\\.(\\d+)(\\..*)?$`).exec(path);
    if (!match) {
      out[path] = messages;
      continue;
    }
    const n = Number(match[1]);
    if (n === index) continue;
    out[n > index ? `${list}.${n - 1}${match[2] ?? ""}` : path] = messages;
  }
  return out;
}

function FormSection({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  const headingId = `section-${title.toLowerCase().replace(/\s+/g, "-")}`;
  return (
    <section aria-labelledby={headingId} className="grid gap-4 lg:grid-cols-[16rem_1fr] lg:gap-8">
      <div>
        <h2 id={headingId} className="text-base font-semibold">
          {title}
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
      </div>
      <div className={`${cardClass} min-w-0 space-y-5 p-4 sm:p-5`}>
        {children}
      </div>
    </section>
  );
}

function Row({ title, subtitle, onRemove, children }: { title: string; subtitle?: string; onRemove: () => void; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-zinc-50/60 dark:border-zinc-800 dark:bg-zinc-950/40">
      <div className="flex items-center justify-between gap-3 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
        <h3 className="min-w-0 truncate text-sm font-medium">
          {title}
          {subtitle && subtitle !== title ? <span className="ml-2 font-normal text-zinc-500 dark:text-zinc-400">{subtitle}</span> : null}
        </h3>
        <Button variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove ${title.toLowerCase()}`}>
          Remove
        </Button>
      </div>
      <div className="space-y-4 p-4">{children}</div>
    </div>
  );
}

function Checkbox({
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

function ListErrors({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return <p className="text-sm text-red-600 dark:text-red-400">{errors.join(" ")}</p>;
}

function EmptyRows({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-5 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
      {children}
    </p>
  );
}
