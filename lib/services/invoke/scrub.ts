// Removes every injected secret from what the vendor sends back, so an echoing vendor is not a way for
// the agent to read a key. It runs on the answer exactly as the agent receives it (JSON text), in two
// passes over the same list of forms, computed once per call plan (invoke.service.ts):
// 1. the text as it is, for each exact form: as is, JSON-escaped, URL-encoded, and base64 (standard and
//    URL-safe, at any of its 3 byte alignments inside a longer blob, which is how
//    "Authorization: Basic base64(user:pass)" comes back);
// 2. when the text holds an escape at all (a backslash, "%" or "&"), a decoded view of it, whatever the
//    content type: JSON/JavaScript escapes (`\/` as PHP's json_encode writes it, `\u002f`, `\x2f`), percent-
//    encoding in any case and of any character (`%21`), HTML character references (`&#x2F;`, `&#47;`,
//    `&amp;`), mixed within one value, and without line breaks (base64 wrapped at 76 or 64 columns; a
//    credential value never holds a line break). What is found there is masked in the text it came from.
// Both passes are linear in the answer: a few indexOf scans per form, no regular expression built per
// secret (compiling one per plan took from 10 ms to seconds for long secrets). The second pass costs about
// 0.5 µs per escape in the answer, and nothing for an answer without any.
import { SECRET_MASK } from "@/lib/crypto/masking";

// Shorter values would match too much by chance: scrubbing "ab" would mangle every answer and still show
// where it stood. So a secret field refuses shorter values at save (credential-input.ts), with this rule.
export const MIN_SCRUB_LENGTH = 4;

export function secretForms(secrets: string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SCRUB_LENGTH) continue;
    forms.add(secret);
    forms.add(secret.replace(/ /g, "+")); // form encoding, as the decoded view leaves "+" alone
    const json = JSON.stringify(secret).slice(1, -1);
    forms.add(json);
    // JSON-escaped by the vendor inside a text body, then by the answer (PHP's json_encode writes "\/").
    forms.add(JSON.stringify(json).slice(1, -1));
    forms.add(JSON.stringify(json.replace(/\//g, "\\/")).slice(1, -1));
    // HTML-escaped as PHP's htmlspecialchars and most templates write it: found as is, so that a literal
    // "%" or "&" in the secret cannot be misread by the decoded view below.
    for (const apostrophe of ["&#039;", "&#39;", "&#x27;"]) {
      const html = secret.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, apostrophe);
      forms.add(html);
      forms.add(JSON.stringify(html).slice(1, -1)); // as it stands inside the answer's JSON text
    }
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
 * inside a longer encoded string, plus its exact standalone encodings. A secret of 6 bytes or more always
 * has some; a shorter one may have none at some alignments.
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
  if (forms.length === 0 || !/[\\%&]/.test(out)) return out;
  out = scrubDecoded(out, forms, true);
  // A secret holding a backslash may come back with it as is, and what follows read as an escape. Such a
  // secret, and only such, has a form with four backslashes in a row (it JSON-escaped twice).
  return forms.some((f) => f.includes("\\\\\\\\")) ? scrubDecoded(out, forms, false) : out;
}

/** Pass 2: finds the forms in the decoded view and masks the stretches of `text` they were decoded from. */
function scrubDecoded(text: string, forms: string[], vendorEscapes: boolean): string {
  const view = decodedView(text, vendorEscapes);
  const spans: [number, number][] = [];
  for (const form of forms) {
    for (let at = view.text.indexOf(form); at !== -1; at = view.text.indexOf(form, at + form.length)) {
      spans.push([view.sourceStart(at), view.sourceEnd(at + form.length)]);
    }
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = "";
  let copied = 0;
  for (const [start, end] of spans) {
    if (end <= copied) continue; // inside a stretch already masked
    out += text.slice(copied, Math.max(start, copied)) + (start >= copied ? SECRET_MASK : "");
    copied = end;
  }
  return out + text.slice(copied);
}

const HTML_NAMES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", sol: "/", excl: "!", equals: "=", plus: "+", colon: ":", nbsp: "\u00a0" };

// What may start an escape. The answer's own JSON escapes of quotes and tabs are left as they are (a
// secret's JSON-escaped form is among the forms), so the common "\"" costs nothing here.
const INTRODUCER = /\\[\\nr]|%[0-9a-fA-F]{2}|&#?[0-9a-zA-Z]{1,8};/g;

/** The text with its escapes decoded and line breaks dropped, and the way back to the text's positions. */
function decodedView(text: string, vendorEscapes: boolean) {
  // Escape k: source[k] .. source[k] + length[k] of the text became at[k] .. at[k] + size[k] of the view.
  const at: number[] = [];
  const source: number[] = [];
  const length: number[] = [];
  const size: number[] = [];
  let view = "";
  let copied = 0;
  const introducer = new RegExp(INTRODUCER);
  for (let found = introducer.exec(text); found; found = introducer.exec(text)) {
    const i = found.index;
    const escape = escapeAt(text, i, vendorEscapes);
    if (!escape) {
      introducer.lastIndex = i + 1;
      continue;
    }
    view += text.slice(copied, i);
    at.push(view.length);
    source.push(i);
    length.push(escape.length);
    size.push(escape.decoded.length);
    view += escape.decoded;
    copied = introducer.lastIndex = i + escape.length;
  }
  view += text.slice(copied);

  /** The last escape that starts at or before a position of the view, or -1. */
  const escapeBefore = (position: number): number => {
    let lo = 0;
    let hi = at.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]! <= position) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const after = (k: number, position: number) => source[k]! + length[k]! + (position - at[k]! - size[k]!);
  return {
    text: view,
    sourceStart(position: number): number {
      const k = escapeBefore(position);
      if (k < 0) return position;
      return position < at[k]! + size[k]! ? source[k]! : after(k, position);
    },
    sourceEnd(position: number): number {
      const k = escapeBefore(position - 1);
      if (k < 0) return position;
      return position - 1 < at[k]! + size[k]! ? source[k]! + length[k]! : after(k, position);
    },
  };
}

/** The escape starting at `i` (of the answer's JSON text, or of the vendor's text inside it), if any. */
function escapeAt(text: string, i: number, vendorEscapes: boolean): { length: number; decoded: string } | null {
  const c = text[i];
  if (c === "\\") {
    const next = text[i + 1];
    if (next === "n" || next === "r") return { length: 2, decoded: "" }; // a line break: dropped
    // "\\" in the JSON text is a backslash of the vendor's text: maybe the start of the vendor's escape.
    return (vendorEscapes ? vendorEscapeAt(text, i + 2, 2) : null) ?? { length: 2, decoded: "\\" };
  }
  if (c === "%") return percentAt(text, i);
  return referenceAt(text, i);
}

/** A JavaScript-style escape of the vendor's text, whose backslash took `prefix` characters of the JSON text. */
function vendorEscapeAt(text: string, i: number, prefix: number): { length: number; decoded: string } | null {
  const next = text[i];
  const unit = next === "u" ? hexAt(text, i + 1, 4) : next === "x" ? hexAt(text, i + 1, 2) : null;
  if (unit !== null) return { length: prefix + (next === "u" ? 5 : 3), decoded: String.fromCharCode(unit) };
  if (next === "/") return { length: prefix + 1, decoded: "/" };
  if (next === "n" || next === "r") return { length: prefix + 1, decoded: "" };
  if (next === "\\" && text[i + 1] === "\\") return { length: prefix + 2, decoded: "\\" };
  if (next === "\\" && text[i + 1] === '"') return { length: prefix + 2, decoded: '"' };
  return null;
}

/** One character percent-encoded as UTF-8 (one to four "%HH"). */
function percentAt(text: string, i: number): { length: number; decoded: string } | null {
  const lead = hexAt(text, i + 1, 2);
  if (lead === null) return null;
  const size = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (size === 0) return null;
  const bytes = [lead];
  for (let k = 1; k < size; k++) {
    const byte = text[i + 3 * k] === "%" ? hexAt(text, i + 3 * k + 1, 2) : null;
    if (byte === null || (byte & 0xc0) !== 0x80) return null;
    bytes.push(byte);
  }
  return { length: 3 * size, decoded: Buffer.from(bytes).toString("utf8") };
}

/** An HTML character reference: "&#x2F;", "&#47;" or a common name ("&amp;"). */
function referenceAt(text: string, i: number): { length: number; decoded: string } | null {
  const end = text.indexOf(";", i + 2);
  if (end === -1 || end - i > 12) return null;
  const body = text.slice(i + 1, end);
  let code: number | null = null;
  if (/^#[xX][0-9a-fA-F]{1,6}$/.test(body)) code = parseInt(body.slice(2), 16);
  else if (/^#[0-9]{1,7}$/.test(body)) code = parseInt(body.slice(1), 10);
  if (code !== null) return code <= 0x10ffff ? { length: end - i + 1, decoded: String.fromCodePoint(code) } : null;
  const named = HTML_NAMES[body];
  return named === undefined ? null : { length: end - i + 1, decoded: named };
}

function hexAt(text: string, i: number, digits: number): number | null {
  const part = text.slice(i, i + digits);
  return part.length === digits && /^[0-9a-fA-F]+$/.test(part) ? parseInt(part, 16) : null;
}
