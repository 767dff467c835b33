"use client";

import { useState } from "react";
import { FormField, describedBy } from "@/components/ui/form-field";
import { TextField } from "@/components/ui/text-field";
import { inputClass } from "@/components/ui/styles";
import type { TFieldErrors } from "@/lib/services/errors";
import { FormSection } from "./form-section";
import { suggestSlug, type TToolDraft } from "./tool-draft";

type TBasics = Pick<TToolDraft, "name" | "slug" | "description">;

/** Name, slug (suggested from the name until it is edited) and description. */
export function ToolBasicsSection({
  draft,
  errors,
  onChange,
  slugFixed = false,
}: {
  draft: TBasics;
  errors: TFieldErrors;
  onChange: (patch: Partial<TBasics>) => void;
  /** A saved tool's slug stays: agents and budgets call it by it. */
  slugFixed?: boolean;
}) {
  const [slugEdited, setSlugEdited] = useState(slugFixed || draft.slug !== "");
  return (
    <FormSection title="Basics" description="How the tool appears in your catalog. Agents call it by its slug.">
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField
          id="tool-name"
          label="Name"
          required
          errors={errors.name}
          value={draft.name}
          onChange={(e) => onChange(slugEdited ? { name: e.target.value } : { name: e.target.value, slug: suggestSlug(e.target.value) })}
          placeholder="Acme Geocoding"
          maxLength={100}
        />
        <TextField
          id="tool-slug"
          label="Slug"
          required
          help={slugFixed ? "Agents and budgets call the tool by its slug: it stays." : "Lowercase letters, digits and dashes."}
          errors={errors.slug}
          code
          readOnly={slugFixed}
          value={draft.slug}
          onChange={(e) => {
            onChange({ slug: e.target.value });
            setSlugEdited(true);
          }}
          placeholder="acme-geocoding"
        />
      </div>
      <FormField id="tool-description" label="Description" help="What the API does, in a sentence." errors={errors.description}>
        <textarea
          id="tool-description"
          value={draft.description}
          onChange={(e) => onChange({ description: e.target.value })}
          aria-invalid={errors.description?.length ? true : undefined}
          aria-describedby={describedBy("tool-description")}
          className={`${inputClass} min-h-20 resize-y`}
          maxLength={500}
          rows={2}
        />
      </FormField>
    </FormSection>
  );
}
