"use client";

import { FormField, describedBy } from "@/components/ui/form-field";
import { TextField } from "@/components/ui/text-field";
import { inputClass } from "@/components/ui/styles";
import { formatCents } from "@/lib/services/budgets/money";
import type { TFieldErrors } from "@/lib/services/errors";
import { HTTP_METHODS, type THttpMethod } from "@/models/tool-constants";
import { FormSection } from "./form-section";
import type { TToolDraft } from "./tool-draft";

type TEndpoint = Pick<TToolDraft, "method" | "url" | "cost">;

/** The one URL a call goes to, its method, and what a call costs (with the amount spelled out). */
export function ToolEndpointSection({ draft, errors, onChange }: { draft: TEndpoint; errors: TFieldErrors; onChange: (patch: Partial<TEndpoint>) => void }) {
  // A preview of what the amount means, once it reads as dollars; the server says what is wrong otherwise.
  const costCents = /^\d+(\.\d{1,2})?$/.test(draft.cost.trim()) ? Math.round(Number(draft.cost.trim()) * 100) : null;
  return (
    <FormSection title="Endpoint" description="The one URL a call to this tool goes to, and what each call costs a budget.">
      <div className="grid gap-5 sm:grid-cols-[8rem_1fr]">
        <FormField id="tool-method" label="Method" required errors={errors["endpoint.method"]}>
          <select
            id="tool-method"
            value={draft.method}
            onChange={(e) => onChange({ method: e.target.value as THttpMethod })}
            aria-invalid={errors["endpoint.method"]?.length ? true : undefined}
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
          errors={errors["endpoint.url"]}
          code
          type="url"
          inputMode="url"
          value={draft.url}
          onChange={(e) => onChange({ url: e.target.value })}
          placeholder="https://api.example.com/v1/geocode"
        />
      </div>
      <div className="sm:max-w-xs">
        <TextField
          id="tool-cost"
          label="Cost per call, in dollars"
          help={costCents === null ? "An amount like 0.05; 0 for free." : costCents === 0 ? "Free to call." : `${formatCents(costCents)} per call, charged to the budget.`}
          errors={errors.costCents}
          className="tabular-nums"
          inputMode="decimal"
          value={draft.cost}
          onChange={(e) => onChange({ cost: e.target.value })}
        />
      </div>
    </FormSection>
  );
}
