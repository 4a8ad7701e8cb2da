// `npm run dev` (predev): writes public/config.json from a running DevHost, so the dev server's
// pages call the local API and cognito-local. DEVHOST_URL overrides where DevHost listens.
import { writeFile } from "node:fs/promises";

const devhost = (process.env.DEVHOST_URL ?? "http://127.0.0.1:5080").replace(/\/+$/, "");
try {
  const response = await fetch(`${devhost}/local/web-config`);
  if (!response.ok) {
    throw new Error(`${devhost}/local/web-config answered ${response.status}`);
  }
  const config = await response.text();
  await writeFile(new URL("../public/config.json", import.meta.url), config);
  console.log(`public/config.json: ${config}`);
} catch (error) {
  console.error(`Could not read the local platform's web config (${error.message}).`);
  console.error("Start it first: dotnet run --project tools/DevHost   (or set DEVHOST_URL)");
  process.exit(1);
}
