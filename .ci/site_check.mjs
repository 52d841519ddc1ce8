// Loads every page of the built site in headless Debian Chromium (puppeteer-core, no browser
// download) and fails on: a console error or page error, a broken internal link, a missing
// asset, a serious or critical axe-core violation, a timeline without both dated accounts of
// the drone transfer, a search that cannot find an actor by an alias.
// Writes each page's DOM text (for tests/site_dom.rs) and screenshots (CI artifacts).
//
// usage: node site_check.mjs SITE_DIR DATASET_DIR OUT_DIR   (NODE_PATH: puppeteer-core, axe-core)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL, fileURLToPath } from "node:url";

const require = createRequire(path.join(process.env.NODE_PATH || process.cwd(), "x.js"));
const puppeteer = require("puppeteer-core");
const axePath = require.resolve("axe-core/axe.min.js");

const [siteDir, datasetDir, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
const problems = [];
const fail = (msg) => { problems.push(msg); console.error("FAIL " + msg); };

function pages(dir, prefix = "") {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(path.join(dir, e.name), prefix + e.name + "/")
      : e.name.endsWith(".html") ? [prefix + e.name] : []).sort();
}

const all = pages(siteDir);
fs.mkdirSync(path.join(outDir, "text"), { recursive: true });
fs.mkdirSync(path.join(outDir, "screenshots"), { recursive: true });
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "dossier-chromium-"));
const browser = await puppeteer.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  userDataDir: profile,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 900 });
let current = "";
page.on("console", (m) => { if (m.type() === "error") fail(`${current}: console error: ${m.text()}`); });
page.on("pageerror", (e) => fail(`${current}: page error: ${e.message}`));
page.on("requestfailed", (r) => fail(`${current}: could not load ${r.url()}: ${r.failure()?.errorText}`));

const kindsShot = new Set();
for (const rel of all) {
  current = rel;
  await page.goto(pathToFileURL(path.join(siteDir, rel)).href, { waitUntil: "load" });
  // Links (HTML and SVG) and assets must resolve to files of the site.
  const refs = await page.evaluate(() =>
    [...document.querySelectorAll("a[href], link[href], script[src], img[src]")].map((e) =>
      new URL(e.getAttribute("href") || e.getAttribute("src"), location.href).href));
  for (const ref of refs) {
    if (!ref.startsWith("file:")) continue;
    const file = fileURLToPath(ref.split("#")[0]);
    if (!fs.existsSync(file)) fail(`${rel}: broken link ${ref}`);
  }
  // Accessibility.
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () =>
    (await window.axe.run(document, { resultTypes: ["violations"], preload: false })).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`));
  for (const v of violations) fail(`${rel}: axe ${v}`);
  // What the page says, for the insta snapshots.
  const text = await page.evaluate(() => document.body.innerText);
  fs.writeFileSync(path.join(outDir, "text", rel.replace(/\.html$/, "").replaceAll("/", "__") + ".txt"), text);
  const kind = rel.includes("/") && !rel.endsWith("index.html") ? rel.split("/")[0] : null;
  if (rel === "index.html" || (kind && !kindsShot.has(kind))) {
    if (kind) kindsShot.add(kind);
    await page.screenshot({ path: path.join(outDir, "screenshots", (kind || "home") + ".png") });
  }
}

// The timeline shows every dated account of the most disputed event (in the bundled dataset,
// the drone transfer), each with its date.
current = "index.html (timeline)";
const dated = JSON.parse(fs.readFileSync(path.join(datasetDir, "claims.json"), "utf8")).claims
  .filter((c) => c.about && c.event_date);
const perEvent = new Map();
for (const c of dated) perEvent.set(c.about, (perEvent.get(c.about) || 0) + 1);
const disputed = [...perEvent.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
const claims = dated.filter((c) => c.about === disputed);
if (claims.length < 2) fail("the dataset has no event with two dated accounts");
await page.goto(pathToFileURL(path.join(siteDir, "index.html")).href, { waitUntil: "load" });
const lanes = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll("svg a")].map((a) => {
  const box = a.getBoundingClientRect();
  return [a.getAttribute("href"), { text: a.textContent, shown: box.width > 0 && box.height > 0 }];
})));
const dates = new Set();
for (const c of claims) {
  const lane = lanes[`claims/${c.id}.html`];
  const year = c.event_date.match(/\d{4}/)[0];
  if (!lane || !lane.shown) fail(`timeline: no lane for ${c.id}`);
  else if (!lane.text.includes(year)) fail(`timeline: the lane of ${c.id} does not show its date (${lane.text})`);
  else { dates.add(c.event_date); console.log(`timeline lane: ${lane.text}`); }
}
if (dates.size < 2) fail(`timeline: the accounts of ${disputed} do not show two different dates`);

// Search finds an actor by an alias (one that is not part of its name, where there is one).
current = "search";
const actors = JSON.parse(fs.readFileSync(path.join(datasetDir, "actors.json"), "utf8")).actors;
const notInName = (a) => (x) => !a.name.toLowerCase().includes(x.toLowerCase());
const actor = actors.find((a) => (a.aliases || []).some(notInName(a))) || actors.find((a) => (a.aliases || []).length);
if (!actor) fail("no actor with an alias to search for");
else {
  const alias = actor.aliases.find(notInName(actor)) || actor.aliases[0];
  await page.type("#q", alias);
  try {
    await page.waitForSelector(`#search-results a[href$="actors/${actor.id}.html"]`, { timeout: 10000 });
    console.log(`search: "${alias}" finds actors/${actor.id}.html`);
  } catch { fail(`search: "${alias}" does not find actors/${actor.id}.html`); }
  await page.screenshot({ path: path.join(outDir, "screenshots", "search.png") });
}

// Search ignores the difference between typographic and straight apostrophes: a label
// written with ’ is found when typed with '.
const index = fs.readFileSync(path.join(siteDir, "search-index.js"), "utf8");
const entries = JSON.parse(index.slice(index.indexOf("=") + 1).trim().replace(/;$/, ""));
const curly = entries.find((e) => e[2].includes("\u2019"));
if (!curly) console.log("search: no label with a typographic apostrophe in this site");
else {
  const typed = curly[2].replace(/\u2019/g, "'");
  await page.$eval("#q", (el) => { el.value = ""; });
  await page.type("#q", typed);
  try {
    await page.waitForSelector(`#search-results a[href$="${curly[0]}"]`, { timeout: 10000 });
    console.log(`search: "${typed}" finds ${curly[0]}`);
  } catch { fail(`search: "${typed}" (straight apostrophe) does not find ${curly[0]}`); }
}

// A phone-sized view of the home page.
await page.setViewport({ width: 390, height: 844, isMobile: true });
await page.goto(pathToFileURL(path.join(siteDir, "index.html")).href, { waitUntil: "load" });
const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
if (overflow) fail("home page: wider than a phone screen (horizontal scrolling of the whole page)");
await page.screenshot({ path: path.join(outDir, "screenshots", "home-phone.png") });

await browser.close();
fs.rmSync(profile, { recursive: true, force: true });
console.log(`${all.length} pages checked; ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
