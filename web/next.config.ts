import path from "node:path";
import type { NextConfig } from "next";

// A static export (out/): S3 + CloudFront in AWS, DevHost's web server locally. Pages with ids
// read them from the query string (/event?id=…), so every page is one file and deep links and
// reloads work on any static host (docs/web.md, "Routing").
const config: NextConfig = {
  output: "export",
  reactStrictMode: true,
  poweredByHeader: false,
  images: { unoptimized: true },
  // web/ is its own npm project (the repository root holds the local AWS servers' lockfile).
  turbopack: { root: path.resolve(__dirname) },
  // next build type-checks (strict): a change to openapi.json the pages do not follow fails it.
  typescript: { ignoreBuildErrors: false },
};

export default config;
