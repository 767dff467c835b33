// Which vendor addresses the gateway may call: only globally routable ones (per IANA's IPv4 and IPv6
// Special-Purpose Address Registries), and never one of this host's own addresses. A tool endpoint is set
// by whoever creates the tool, so anything else would let a custom tool aim the server's credentials at
// the server itself or its network (cloud metadata at 169.254.169.254, a neighbour, the app's own port on
// an interface address). A list of "private ranges" is not enough: documentation, benchmarking and
// reserved ranges are used for real networks too (this machine's own interface is in 192.0.2.0/24).
import { BlockList, isIP } from "node:net";
import { networkInterfaces } from "node:os";

type TSubnet = readonly [network: string, prefix: number];

// One list per family: a BlockList also checks an IPv4 address against its IPv6 rules (as ::ffff:a.b.c.d),
// which the IPv6 rules here (::/3 among them) must not catch.
function blockLists(v4: TSubnet[], v6: TSubnet[]): { ipv4: BlockList; ipv6: BlockList } {
  const lists = { ipv4: new BlockList(), ipv6: new BlockList() };
  for (const [net, prefix] of v4) lists.ipv4.addSubnet(net, prefix, "ipv4");
  for (const [net, prefix] of v6) lists.ipv6.addSubnet(net, prefix, "ipv6");
  return lists;
}

// IANA IPv4 Special-Purpose Address Registry entries not globally reachable, plus multicast (224/4).
const notGlobal = blockLists(
  [
    ["0.0.0.0", 8], // "this network"
    ["10.0.0.0", 8], // private
    ["100.64.0.0", 10], // shared address space (CGNAT)
    ["127.0.0.0", 8], // loopback
    ["169.254.0.0", 16], // link-local (cloud metadata)
    ["172.16.0.0", 12], // private
    ["192.0.0.0", 24], // IETF protocol assignments (but see the two global ones below)
    ["192.0.2.0", 24], // TEST-NET-1
    ["192.88.99.0", 24], // deprecated 6to4 relay anycast
    ["192.168.0.0", 16], // private
    ["198.18.0.0", 15], // benchmarking
    ["198.51.100.0", 24], // TEST-NET-2
    ["203.0.113.0", 24], // TEST-NET-3
    ["224.0.0.0", 4], // multicast
    ["240.0.0.0", 4], // reserved, and 255.255.255.255 (limited broadcast)
  ],
  [
    // Only 2000::/3 is allocated as global unicast: this refuses ::/128, ::1, the deprecated
    // IPv4-compatible ::/96, 100::/64 (discard), 5f00::/16 (SRv6), fc00::/7, fe80::/10, ff00::/8 and
    // every reserved block. The IPv4-mapped and NAT64 prefixes are decided by their embedded address.
    ["::", 3],
    ["4000::", 2],
    ["8000::", 1],
    ["2001::", 23], // IETF protocol assignments, Teredo (2001::/32), benchmarking (but see below)
    ["2001:db8::", 32], // documentation
    ["3fff::", 20], // documentation
  ],
);

// Registry entries marked globally reachable inside the blocks above.
const globalExceptions = blockLists(
  [
    ["192.0.0.9", 32], // Port Control Protocol anycast
    ["192.0.0.10", 32], // TURN anycast
  ],
  [
    ["2001:1::1", 128], // PCP anycast
    ["2001:1::2", 128], // TURN anycast
    ["2001:1::3", 128], // DNS-SD service registration anycast
    ["2001:3::", 32], // AMT
    ["2001:4:112::", 48], // AS112-v6
    ["2001:20::", 28], // ORCHIDv2
    ["2001:30::", 28], // DRIP
  ],
);

/** The 16 bytes of an IPv6 address in any valid notation (compressed, with a trailing dotted quad). */
function ipv6Bytes(address: string): number[] {
  let text = address;
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const words = (part: string | undefined) => (part ? part.split(":").map((w) => parseInt(w, 16)) : []);
  const left = words(head);
  const right = words(tail);
  const all = tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((w) => [w >> 8, w & 0xff]);
}

function embeddedIPv4(bytes: number[], at: number): string {
  return bytes.slice(at, at + 4).join(".");
}

/** The IPv4 address an IPv6 one stands for (mapped, NAT64, 6to4), undefined if none, null to refuse. */
function embeddedAddress(address: string): string | undefined | null {
  const b = ipv6Bytes(address);
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return embeddedIPv4(b, 12); // ::ffff:0:0/96
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) {
    if (zeros(4, 12)) return embeddedIPv4(b, 12); // 64:ff9b::/96, the well-known NAT64 prefix
    return null; // 64:ff9b:1::/48 (local-use NAT64) and the rest of 64:ff9b::/32: not global
  }
  if (b[0] === 0x20 && b[1] === 0x02) return embeddedIPv4(b, 2); // 2002::/16, 6to4
  return undefined;
}

/** Whether IANA's registries say the address is globally reachable (the host's own addresses aside). */
export function isGlobalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return globalExceptions.ipv4.check(address, "ipv4") || !notGlobal.ipv4.check(address, "ipv4");
  if (family !== 6) return false;
  const embedded = embeddedAddress(address);
  if (embedded !== undefined) return embedded !== null && isGlobalAddress(embedded);
  return globalExceptions.ipv6.check(address, "ipv6") || !notGlobal.ipv6.check(address, "ipv6");
}

/** The host's own addresses, as a BlockList (which compares IPv6 addresses whatever their notation). */
export function ownAddressList(interfaces: ReturnType<typeof networkInterfaces>): BlockList {
  const list = new BlockList();
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      const family = isIP(entry.address);
      if (family === 6 && embeddedAddress(entry.address)) list.addAddress(embeddedAddress(entry.address)!, "ipv4");
      else if (family) list.addAddress(entry.address, family === 4 ? "ipv4" : "ipv6");
    }
  }
  return list;
}

// Interfaces change rarely (DHCP, a new container network); reading them costs a system call, so the
// list is refreshed every few seconds rather than on each call.
const OWN_ADDRESSES_MAX_AGE_MS = 5_000;
let own = { list: new BlockList(), readAt: -Infinity };

function ownAddresses(): BlockList {
  const now = Date.now();
  if (now - own.readAt > OWN_ADDRESSES_MAX_AGE_MS) own = { list: ownAddressList(networkInterfaces()), readAt: now };
  return own.list;
}

/**
 * Whether the gateway refuses to connect to this address: anything but a globally reachable address that
 * is not one of this host's own. Not an IP address at all: refused. `ownList` is for tests.
 */
export function isDisallowedAddress(scoped: string, ownList: BlockList = ownAddresses()): boolean {
  const address = scoped.replace(/%.*$/, ""); // a zone ("fe80::1%eth0") names an interface, not an address
  if (!isGlobalAddress(address)) return true;
  const family = isIP(address);
  const embedded = family === 6 ? embeddedAddress(address) : undefined;
  if (embedded) return ownList.check(embedded, "ipv4");
  return ownList.check(address, family === 4 ? "ipv4" : "ipv6");
}
