// @ts-check
const { withSentryConfig } = require("@sentry/nextjs");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  images: {
    remotePatterns: [{ protocol: "https", hostname: "assets.vantus.example.com" }],
  },
  async redirects() {
    return [{ source: "/catalog", destination: "/products", permanent: true }];
  },
};

module.exports = withSentryConfig(nextConfig, {
  silent: true,
  org: "vantus",
  project: "vantus-portal",
  hideSourceMaps: true,
});
