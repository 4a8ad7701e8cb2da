// The web app's weight and speed, in one run (docs/benchmarks.md, "Web app"):
//  1. first-load JavaScript per page of web/out: every <script src> a page loads before it can
//     run (modern browsers skip the noModule polyfills), gzipped as CloudFront serves them;
//  2. Lighthouse 12 with its default mobile profile (Moto G class CPU ×4 slower, slow 4G,
//     simulated throttling) on the event page and the checkout, and on the sign-in page (no API
//     call, the lightest page of the same build) as the baseline measured side by side.
//
// Needs DevHost running with its web app (dotnet run --project tools/DevHost) and Debian's
// chromium. WEB_URL (default http://127.0.0.1:5081) names the web app.
//   cd bench/WebPerformance && npm ci && npm run bench
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, "../../web/out");
const web = (process.env.WEB_URL ?? "http://127.0.0.1:5081").replace(/\/+$/, "");
const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
const runs = Number(process.env.RUNS ?? 3);

async function pages(dir, prefix = "") {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== "_next") {
      found.push(...(await pages(path.join(dir, entry.name), `${prefix}${entry.name}/`)));
    } else if (entry.name.endsWith(".html")) {
      found.push(`${prefix}${entry.name}`);
    }
  }
  return found.sort();
}

async function firstLoadJs() {
  const rows = [];
  for (const page of await pages(out)) {
    const html = await readFile(path.join(out, page), "utf8");
    const scripts = [...html.matchAll(/<script([^>]*)src="([^"]+)"/g)].filter((m) => !/noModule/i.test(m[1])).map((m) => m[2]);
    let raw = 0;
    let gzipped = 0;
    for (const src of scripts) {
      const body = await readFile(path.join(out, src));
      raw += body.length;
      gzipped += gzipSync(body, { level: 9 }).length;
    }
    rows.push({ page: "/" + page.replace(/(index)?\.html$/, ""), scripts: scripts.length, raw, gzipped });
  }
  return rows;
}

const kb = (bytes) => (bytes / 1024).toFixed(1);

/** Signs the demo attendee in through the app and reserves one free ticket: the checkout's URL. */
async function checkoutUrl(port) {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}` });
  const page = await browser.newPage();
  await page.goto(`${web}/signin?next=/`, { waitUntil: "networkidle0" });
  await page.type("#field-email", "attendee@demo.local");
  await page.type("#field-password", "Demo-Attendee-1");
  await Promise.all([page.waitForNavigation({ waitUntil: "networkidle0" }), page.click("button[type=submit]")]);
  await page.goto(`${web}/`, { waitUntil: "networkidle0" });
  const href = await page.$eval("a[href^='/event?id=']", (a) => a.getAttribute("href"));
  await page.goto(`${web}${href}`, { waitUntil: "networkidle0" });
  const select = await page.$("select[id^='field-quantity-']");
  const option = await select.$eval("option:last-child", (o) => o.value);
  await select.select(option);
  await Promise.all([page.waitForNavigation({ waitUntil: "networkidle0" }), page.click("button[type=submit]")]);
  const url = page.url();
  await page.close();
  await browser.disconnect();
  return { event: `${web}${href}`, checkout: url };
}

async function audit(url, port) {
  const scores = [];
  for (let i = 0; i < runs; i++) {
    const result = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility", "best-practices"], disableStorageReset: true });
    const { categories, audits } = result.lhr;
    scores.push({
      performance: Math.round(categories.performance.score * 100),
      accessibility: Math.round(categories.accessibility.score * 100),
      bestPractices: Math.round(categories["best-practices"].score * 100),
      fcp: audits["first-contentful-paint"].numericValue,
      lcp: audits["largest-contentful-paint"].numericValue,
      tbt: audits["total-blocking-time"].numericValue,
      cls: audits["cumulative-layout-shift"].numericValue,
      si: audits["speed-index"].numericValue,
    });
  }
  const median = (key) => scores.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(scores.length / 2)];
  return { performance: median("performance"), accessibility: median("accessibility"), bestPractices: median("bestPractices"), fcp: median("fcp"), lcp: median("lcp"), tbt: median("tbt"), cls: median("cls"), si: median("si") };
}

const js = await firstLoadJs();
console.log("| page | scripts | first-load JS (raw) | first-load JS (gzip) |");
console.log("|---|---:|---:|---:|");
for (const row of js) {
  console.log(`| \`${row.page}\` | ${row.scripts} | ${kb(row.raw)} KiB | ${kb(row.gzipped)} KiB |`);
}

const chrome = await chromeLauncher.launch({ chromePath: chromium, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"] });
try {
  const urls = await checkoutUrl(chrome.port);
  const targets = [
    ["sign-in page (baseline: no API call)", `${web}/signin`],
    ["event page", urls.event],
    ["checkout (signed in, 1 seat held)", urls.checkout],
  ];
  console.log("");
  console.log(`Lighthouse ${(await import("lighthouse/package.json", { with: { type: "json" } })).default.version}, mobile, median of ${runs} runs:`);
  console.log("");
  console.log("| page | performance | accessibility | best practices | FCP | LCP | TBT | CLS | Speed Index |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const [name, url] of targets) {
    const s = await audit(url, chrome.port);
    console.log(`| ${name} | ${s.performance} | ${s.accessibility} | ${s.bestPractices} | ${(s.fcp / 1000).toFixed(2)} s | ${(s.lcp / 1000).toFixed(2)} s | ${Math.round(s.tbt)} ms | ${s.cls.toFixed(3)} | ${(s.si / 1000).toFixed(2)} s |`);
  }
} finally {
  await chrome.kill();
}
