import type { TToolRecord } from "@/lib/services/tools/tools.service";
import type { TFormField } from "@/components/credentials/credential-form";

/** What the credential form needs of a tool's credential schema (no injection rules, no endpoint). */
export function formFieldsOf(tool: Pick<TToolRecord, "credentialFields">): TFormField[] {
  return tool.credentialFields.map((f) => ({
    key: f.key,
    label: f.label,
    help: f.help ?? null,
    secret: f.secret,
    required: f.required,
    pattern: f.pattern ?? null,
  }));
}
