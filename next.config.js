// @ts-check
// Typed by JSDoc, and checked by `npm run typecheck` (tsconfig.json includes this file).

/** @type {import("next").NextConfig} */
const nextConfig = {
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

module.exports = nextConfig;
