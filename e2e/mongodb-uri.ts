// MONGODB_URI with another database name, keeping hosts, credentials and options.
const URI = /^(mongodb(?:\+srv)?:\/\/)([^/?]+)(?:\/([^?]*))?(?:\?(.*))?$/;

export function withDatabase(uri: string, database: string): string {
  const match = URI.exec(uri);
  if (!match) throw new Error("MONGODB_URI must be a mongodb:// or mongodb+srv:// URI");
  const [, scheme, hosts = "", oldDb = "", query = ""] = match;
  const params = new URLSearchParams(query);
  // With credentials, the database in the path is also where the user is authenticated: keep that.
  if (hosts.includes("@") && !params.has("authSource")) params.set("authSource", decodeURIComponent(oldDb) || "admin");
  const rest = params.toString();
  return `${scheme}${hosts}/${encodeURIComponent(database)}${rest ? `?${rest}` : ""}`;
}

export function databaseName(uri: string): string {
  const match = URI.exec(uri);
  return decodeURIComponent(match?.[3] ?? "");
}
