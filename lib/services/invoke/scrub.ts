// Removes every injected secret from what the vendor sends back, so an echoing (or malicious) vendor is
// not a way to read a key. Each secret is searched in the forms it can take on the wire: as is, JSON-
// escaped, URL-encoded, and base64 (standard and URL-safe, at any byte alignment inside a longer blob,
// which is how "Authorization: Basic base64(user:pass)" comes back).
import { SECRET_MASK } from "@/lib/crypto/masking";

// Shorter values would match too much by chance (and are too weak to be worth the noise).
const MIN_SCRUB_LENGTH = 4;

export function secretForms(secrets: string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SCRUB_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    const encoded = encodeURIComponent(secret);
    forms.add(encoded);
    forms.add(encoded.replace(/%20/g, "+"));
    forms.add(encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
    for (const b64 of base64Forms(Buffer.from(secret, "utf8"))) {
      forms.add(b64);
      forms.add(b64.replace(/\+/g, "-").replace(/\//g, "_"));
      forms.add(encodeURIComponent(b64));
    }
  }
  // Longest first, so a secret's longer form is replaced before a shorter one it contains.
  return [...forms].filter((f) => f.length >= MIN_SCRUB_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * The base64 characters that depend only on the secret's bytes, for each of the 3 alignments it can have
 * inside a longer encoded string, plus its exact standalone encodings.
 */
function base64Forms(bytes: Buffer): string[] {
  const out = [bytes.toString("base64"), bytes.toString("base64").replace(/=+$/, "")];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString("base64");
    const firstGroup = offset === 0 ? 0 : 1; // the group holding pad bytes varies with them
    const fullGroups = Math.floor(padded.length / 3); // a trailing partial group varies with what follows
    if (fullGroups > firstGroup) out.push(encoded.slice(firstGroup * 4, fullGroups * 4));
  }
  return out;
}

export function scrubText(text: string, forms: string[]): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(SECRET_MASK);
  return out;
}
