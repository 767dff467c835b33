import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The CSFLE addon and the driver are native/Node-only: load them from node_modules at run time.
  serverExternalPackages: ["mongodb", "mongoose", "mongodb-client-encryption", "pino"],
  poweredByHeader: false,
  reactStrictMode: true,
  // The dashboard deletes credentials and creates keys in a click: it must not be framed by another site.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
