// How the credential form sends its fields, shared by the form and its two actions: one entry per
// credential field, named `fields.<key>`: the same name the credential service gives that field's errors,
// so each error finds its input.
import { z } from "zod";

const PREFIX = "fields.";

/** The form entry (and field-error key) of a credential field. */
export function credentialFieldName(key: string): string {
  return PREFIX + key;
}

/** The credential's name and the fields that were sent, as the credential service takes them (other entries are the action's own). */
export const ZCredentialFormEntries = z
  .object({ name: z.string() })
  .catchall(z.unknown())
  .transform(({ name, ...entries }) => ({
    name,
    fields: Object.entries(entries).flatMap(([entry, value]) =>
      entry.startsWith(PREFIX) && typeof value === "string" ? [{ key: entry.slice(PREFIX.length), value }] : [],
    ),
  }));
