// Which address a request comes from, and which forwarding headers may be believed. The socket's peer is
// the client unless it is one of VAULTLINE_TRUSTED_PROXIES (reverse proxies the operator runs in front of
// Vaultline): only then is X-Forwarded-For read, right to left, skipping the trusted hops, and only then
// are X-Forwarded-Host and X-Forwarded-Proto passed on. Anything else a client sends in these headers is
// its own claim, and would let it choose the address the sign-in throttle counts against.
import { BlockList, isIP } from "node:net";

export type TTrustedProxies = { has: (address: string) => boolean; any: boolean };

/** One entry of VAULTLINE_TRUSTED_PROXIES: an address or a CIDR range, or null when it is neither. */
function parseEntry(entry: string): { address: string; prefix: number | null; family: "ipv4" | "ipv6" } | null {
  const [address = "", prefixText, extra] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return null;
  const family = version === 4 ? "ipv4" : "ipv6";
  if (prefixText === undefined) return { address, prefix: null, family };
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= (version === 4 ? 32 : 128))) return null;
  return { address, prefix, family };
}

/** The entries of a VAULTLINE_TRUSTED_PROXIES value that are not addresses or ranges (for the env check). */
export function invalidProxyEntries(value: string): string[] {
  return splitList(value).filter((e) => parseEntry(e) === null);
}

function splitList(value: string): string[] {
  return value.split(",").map((e) => e.trim()).filter(Boolean);
}

export function trustedProxies(value: string | undefined): TTrustedProxies {
  const list = new BlockList();
  const entries = splitList(value ?? "");
  for (const entry of entries) {
    const parsed = parseEntry(entry)!;
    if (parsed.prefix === null) list.addAddress(parsed.address, parsed.family);
    else list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return {
    any: entries.length > 0,
    has: (address) => {
      const plain = unmapped(address);
      const version = isIP(plain);
      return version !== 0 && list.check(plain, version === 4 ? "ipv4" : "ipv6");
    },
  };
}

/** An IPv4 peer on a dual-stack socket reads "::ffff:1.2.3.4": the same client as "1.2.3.4". */
export function unmapped(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match ? match[1]! : address;
}

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the nearest address in
 * X-Forwarded-For that is not one (the proxies' own entries are to the right of the client's).
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TTrustedProxies): string {
  let address = unmapped(peer ?? "");
  if (!trusted.any || !trusted.has(address) || forwardedFor === undefined) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",").map((h) => unmapped(h.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return address; // a garbled entry: the last address we could believe
    address = hop;
    if (!trusted.has(hop)) return hop;
  }
  return address;
}

/** Whether the client reached Vaultline over https: APP_URL says so, or a trusted proxy's X-Forwarded-Proto does. */
export function servedOverHttps(
  req: { socket: { remoteAddress?: string }; headers: Record<string, string | string[] | undefined> },
  trusted: TTrustedProxies,
  appUrl: string,
): boolean {
  if (appUrl.startsWith("https:")) return true;
  const proto = req.headers["x-forwarded-proto"];
  return trusted.any && trusted.has(req.socket.remoteAddress ?? "") && typeof proto === "string" && proto.split(",")[0]!.trim() === "https";
}
