import { test } from "node:test";
import assert from "node:assert/strict";
import { BlockList } from "node:net";
import { networkInterfaces } from "node:os";
import fc from "fast-check";
import { isDisallowedAddress, isGlobalAddress, ownAddressList } from "@/lib/services/invoke/address-policy";

// A fixed seed keeps the suite repeatable; set FC_SEED to explore other cases.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261202) });

// The tests' own copy of the registries (not imported: a typo in one would not be hidden by the other).
// IPv4 blocks that are not globally reachable, with the neighbours just outside that are.
const V4_REFUSED: [first: string, last: string][] = [
  ["0.0.0.0", "0.255.255.255"],
  ["10.0.0.0", "10.255.255.255"],
  ["100.64.0.0", "100.127.255.255"],
  ["127.0.0.0", "127.255.255.255"],
  ["169.254.0.0", "169.254.255.255"],
  ["172.16.0.0", "172.31.255.255"],
  ["192.0.0.0", "192.0.0.8"],
  ["192.0.0.11", "192.0.0.255"],
  ["192.0.2.0", "192.0.2.255"],
  ["192.88.99.0", "192.88.99.255"],
  ["192.168.0.0", "192.168.255.255"],
  ["198.18.0.0", "198.19.255.255"],
  ["198.51.100.0", "198.51.100.255"],
  ["203.0.113.0", "203.0.113.255"],
  ["224.0.0.0", "239.255.255.255"],
  ["240.0.0.0", "255.255.255.255"],
];
const V4_ALLOWED = [
  "1.0.0.0", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255", "128.0.0.0",
  "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "191.255.255.255", "192.0.0.9", "192.0.0.10",
  "192.0.1.0", "192.0.1.255", "192.0.3.0", "192.88.98.255", "192.88.100.0", "192.167.255.255", "192.169.0.0",
  "198.17.255.255", "198.20.0.0", "198.51.99.255", "198.51.101.0", "203.0.112.255", "203.0.114.0", "223.255.255.255",
  "8.8.8.8", "1.1.1.1",
];

const toInt = (a: string) => a.split(".").reduce((n, part) => n * 256 + Number(part), 0);
const toDotted = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
const hex4 = (n: number) => [Math.floor(n / 65536), n % 65536].map((w) => w.toString(16));

/** The notations a URL may spell an IPv4 address in, as an agent or a tool's author could write them. */
function v4Notations(address: string): string[] {
  const n = toInt(address);
  const parts = address.split(".").map(Number);
  const [hi, lo] = hex4(n);
  return [
    address,
    String(n), // decimal integer
    `0x${n.toString(16)}`, // hex integer
    parts.map((p) => `0${p.toString(8)}`).join("."), // octal parts
    parts.map((p) => `0x${p.toString(16)}`).join("."), // hex parts
    `${parts[0]}.${n % 2 ** 24}`, // a.bcd
    `[::ffff:${address}]`, // IPv4-mapped IPv6, dotted
    `[::ffff:${hi}:${lo}]`, // IPv4-mapped IPv6, hex
    `[0:0:0:0:0:FFFF:${hi}:${lo}]`, // uncompressed, upper case
    `[64:ff9b::${address}]`, // NAT64 well-known prefix
    `[2002:${hi}:${lo}::1]`, // 6to4
  ];
}

/** What the vendor client checks: the hostname of the parsed URL, without IPv6 brackets. */
const hostOf = (host: string) => new URL(`http://${host}/`).hostname.replace(/^\[|\]$/g, "");
const refused = (host: string) => isDisallowedAddress(hostOf(host), new BlockList());

test("every IPv4 special-purpose block is refused at its edges, in every notation", () => {
  for (const [first, last] of V4_REFUSED) {
    for (const edge of [first, last]) for (const spelled of v4Notations(edge)) assert.equal(refused(spelled), true, `${spelled} (${edge})`);
  }
});

test("the global addresses just outside each block, and the registry's global exceptions, are allowed in every notation", () => {
  for (const address of V4_ALLOWED) for (const spelled of v4Notations(address)) assert.equal(refused(spelled), false, `${spelled} (${address})`);
});

test("IPv6 special-purpose blocks are refused at their edges; their global neighbours are allowed", () => {
  const refusedV6 = [
    "::", "::1", "::2", "::127.0.0.1", "::ffff:0:0", // unspecified, loopback, IPv4-compatible, mapped 0.0.0.0
    "64:ff9b:1::", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff", "64:ff9b::1:0:0:0", // local-use NAT64, rest of 64:ff9b::/32
    "100::", "100::ffff:ffff:ffff:ffff", "100:0:0:1::", // discard-only, dummy prefix
    "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // just below 2000::/3
    "2001::", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:1::", "2001:1::4", "2001:2::", "2001:2:ffff:ffff:ffff:ffff:ffff:ffff",
    "2001:10::", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", // IETF protocol assignments (2001::/23)
    "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:DB8::1", // documentation
    "2002::", "2002:a00:1::", "2002:7f00:1::", "2002:ffff:ffff::", // 6to4 of non-global IPv4
    "3fff::", "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", // documentation (3fff::/20)
    "4000::", "5f00::", "5f00:ffff::1", // reserved, SRv6 SIDs
    "fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fd00::2", // unique local
    "fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe80::fc:ff:fe00:1", // link-local
    "fec0::", "ff00::", "ff02::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // site-local (deprecated), multicast
  ];
  for (const address of refusedV6) assert.equal(refused(`[${address}]`), true, address);
  const allowedV6 = [
    "2000::", "2001:200::", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::", "2002:808:808::", "2003::",
    "2606:4700:4700::1111", "2a00:1450:4007:80e::200e", "3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "3fff:1000::",
    "2001:1::1", "2001:1::2", "2001:1::3", "2001:3::", "2001:3:ffff:ffff:ffff:ffff:ffff:ffff", "2001:4:112::",
    "2001:20::", "2001:3f:ffff:ffff:ffff:ffff:ffff:ffff", "64:ff9b::808:808", "::ffff:8.8.8.8",
  ];
  for (const address of allowedV6) assert.equal(refused(`[${address}]`), false, address);
});

test("anything that is not an IP address, and zoned link-local addresses, are refused", () => {
  for (const address of ["not-an-ip", "", "localhost", "1.2.3", "fe80::1%eth0", "::ffff:10.0.0.1%1"]) {
    assert.equal(isDisallowedAddress(address, new BlockList()), true, address);
  }
  assert.equal(isGlobalAddress("example.com"), false);
});

test("property: any address inside a refused IPv4 block is refused, in any notation and any IPv6 wrapping", () => {
  const block = fc.constantFrom(...V4_REFUSED);
  const address = block.chain(([first, last]) => fc.integer({ min: toInt(first), max: toInt(last) }).map(toDotted));
  fc.assert(
    fc.property(address, fc.nat(10), (a, which) => refused(v4Notations(a)[which]!)),
    { numRuns: 2_000 },
  );
});

test("property: any address inside a refused IPv6 block is refused", () => {
  const blocks: [prefix: string, bits: number][] = [
    ["::", 3], ["64:ff9b:1::", 48], ["100::", 64], ["2001::", 23], ["2001:db8::", 32], ["3fff::", 20], ["4000::", 2],
    ["5f00::", 16], ["8000::", 1], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8],
  ];
  const expand = (p: string) => {
    const [left, right] = p.split("::").map((half) => (half ? half.split(":") : [])) as [string[], string[]];
    const words = [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
    return BigInt(`0x${words.map((w) => w.padStart(4, "0")).join("")}`);
  };
  const inBlock = fc.constantFrom(...blocks).chain(([prefix, bits]) =>
    fc.bigInt({ min: 0n, max: (1n << BigInt(128 - bits)) - 1n }).map((host) => expand(prefix) + host),
  );
  // Inside those blocks, what the registries mark global or decide by an embedded IPv4 address.
  const carvedOut: [prefix: string, bits: number][] = [
    ["::ffff:0:0", 96], ["64:ff9b::", 96], ["2001:1::1", 128], ["2001:1::2", 128], ["2001:1::3", 128], ["2001:3::", 32],
    ["2001:4:112::", 48], ["2001:20::", 28], ["2001:30::", 28],
  ];
  const within = (n: bigint, [prefix, bits]: [string, number]) => n >> BigInt(128 - bits) === expand(prefix) >> BigInt(128 - bits);
  const spell = (n: bigint) => `[${n.toString(16).padStart(32, "0").match(/.{4}/g)!.join(":")}]`;
  fc.assert(fc.property(inBlock.filter((n) => !carvedOut.some((c) => within(n, c))), (n) => refused(spell(n))), { numRuns: 2_000 });
});

test("the host's own addresses are refused even when global, in any notation, and the list comes from the interfaces", () => {
  const own = ownAddressList({
    eth0: [
      { address: "8.8.4.4", netmask: "255.255.255.0", family: "IPv4", mac: "02:00:00:00:00:01", internal: false, cidr: "8.8.4.4/24" },
      { address: "2606:4700::1111", netmask: "ffff:ffff:ffff:ffff::", family: "IPv6", mac: "02:00:00:00:00:01", internal: false, cidr: "2606:4700::1111/64", scopeid: 0 },
    ],
  });
  for (const host of ["8.8.4.4", "0x08080404", "134743044", "[::ffff:8.8.4.4]", "[64:ff9b::808:404]", "[2002:808:404::]", "[2606:4700::1111]", "[2606:4700:0:0:0:0:0:1111]"]) {
    assert.equal(isDisallowedAddress(hostOf(host), own), true, host);
    assert.equal(isDisallowedAddress(hostOf(host), new BlockList()), false, `${host} is global`);
  }
  assert.equal(isDisallowedAddress("8.8.4.5", own), false, "a neighbour on the same network is not the host");

  // This machine's own interfaces, read by the default list: every one of them is refused.
  const mine = Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((e) => e.address));
  assert.ok(mine.length > 0);
  for (const address of mine) {
    assert.equal(isDisallowedAddress(address), true, address);
    assert.equal(ownAddressList(networkInterfaces()).check(address.replace(/%.*$/, ""), address.includes(":") ? "ipv6" : "ipv4"), true, address);
  }
});
