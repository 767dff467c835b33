import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The CSFLE addon and the driver are native/Node-only: load them from node_modules at run time.
  serverExternalPackages: ["mongodb", "mongoose", "mongodb-client-encryption", "pino"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
