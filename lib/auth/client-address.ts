// The client's address as the dashboard process knows it. Only the gateway reaches this process (a private
// Unix socket), and it replaces whatever X-Forwarded-For a client sent with the one address it believes
// (lib/gateway/state/dashboard-link.ts, lib/net/trusted-proxies.ts), so this header can be taken as is.
type THeaders = Headers | Record<string, string | string[] | undefined>;

export const CLIENT_ADDRESS_HEADER = "x-forwarded-for";

export function clientAddressFrom(headers: THeaders | undefined): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers?.[CLIENT_ADDRESS_HEADER];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}
