"use client";

import { FormField, describedBy } from "@/components/ui/form-field";
import { TextField } from "@/components/ui/text-field";
import { inputClass } from "@/components/ui/styles";
import type { TFieldErrors } from "@/lib/services/errors";
import { FormSection } from "./form-section";
import { queryParamList, type TToolDraft } from "./tool-draft";

type TInput = Pick<TToolDraft, "method" | "inputSchema" | "queryParams">;

const SCHEMA_EXAMPLE = `{
  "type": "object",
  "properties": {
    "q": { "type": "string", "description": "What to look up" }
  },
  "required": ["q"]
}`;

/** What an agent sends: the input's JSON Schema (agents read it; calls are checked against it) and where it goes. */
export function ToolInputSection({ draft, errors, onChange }: { draft: TInput; errors: TFieldErrors; onChange: (patch: Partial<TInput>) => void }) {
  // Errors about one parameter of the list name it, next to the one control that holds them all.
  const names = queryParamList(draft);
  const queryErrors = Object.entries(errors).flatMap(([path, messages]) => {
    if (path === "endpoint.queryParams") return messages;
    const index = /^endpoint\.queryParams\.(\d+)$/.exec(path)?.[1];
    return index === undefined ? [] : messages.map((message) => `"${names[Number(index)] ?? ""}" ${message}`);
  });
  return (
    <FormSection
      title="Input"
      description="What an agent sends when it calls the tool. Agents see the schema in their tool list; a call that does not match it is refused before the vendor is called or the budget charged."
    >
      <FormField
        id="tool-input-schema"
        label="Input schema"
        help="A JSON Schema (2020-12) of an object. Leave empty to accept any JSON object. Path parameters such as {owner} in the URL must be required properties."
        errors={errors.inputSchema}
      >
        <textarea
          id="tool-input-schema"
          value={draft.inputSchema}
          onChange={(e) => onChange({ inputSchema: e.target.value })}
          aria-invalid={errors.inputSchema?.length ? true : undefined}
          aria-describedby={describedBy("tool-input-schema")}
          className={`${inputClass} min-h-40 resize-y font-mono text-sm`}
          placeholder={SCHEMA_EXAMPLE}
          spellCheck={false}
          maxLength={20_000}
          rows={8}
        />
      </FormField>
      {draft.method === "GET" ? null : (
        <div className="sm:max-w-md">
          <TextField
            id="tool-query-params"
            label="Sent in the query string"
            help="Input properties to send in the URL's query rather than in the JSON body, separated by commas."
            errors={queryErrors.length ? queryErrors : undefined}
            code
            value={draft.queryParams}
            onChange={(e) => onChange({ queryParams: e.target.value })}
            placeholder="page, per_page"
          />
        </div>
      )}
    </FormSection>
  );
}
