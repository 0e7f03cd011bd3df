// Regenerates theme/data/outline.json, the country outlines the locator map is drawn over.
//
// Source: Natural Earth's Admin 0 countries at 1:50m (public domain), as redistributed in the
// npm package `world-atlas` (TopoJSON); `topojson-client` turns the topology into polygons.
// Each ring is written in hundredths of a degree (about 1 km: finer than anything a locator map
// draws), with points that round to the previous one dropped, as its first point followed by
// the steps to each next one (small numbers, so the file is about half a megabyte), and the
// build, which only reads JSON, never needs node (generator/geo.py decodes it).
//
// Run from the repository root: npm ci --ignore-scripts && node tools/map_outline.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const SCALE = 100; // integer units per degree
const topology = JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"));
const version = JSON.parse(readFileSync(require.resolve("world-atlas/package.json"), "utf8")).version;

function ring(points) {
  const flat = [];
  for (const [lon, lat] of points) {
    const x = Math.round(lon * SCALE);
    const y = Math.round(lat * SCALE);
    const n = flat.length;
    if (n && flat[n - 2] === x && flat[n - 1] === y) continue;
    flat.push(x, y);
  }
  if (flat.length < 8) return null; // a ring needs at least 3 distinct points and its close
  const steps = flat.slice(0, 2);
  for (let i = 2; i < flat.length; i += 2) steps.push(flat[i] - flat[i - 2], flat[i + 1] - flat[i - 1]);
  return steps;
}

const countries = feature(topology, topology.objects.countries).features
  .map((country) => {
    const geometry = country.geometry;
    if (!geometry) return null;
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    const rings = polygons.flatMap((polygon) => polygon.map(ring)).filter(Boolean);
    return rings.length ? { name: country.properties.name, rings } : null;
  })
  .filter(Boolean)
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const outline = {
  source: `Natural Earth 1:50m Admin 0 countries (v4.1.0), via the npm package world-atlas ${version}`,
  licence: "Public domain (Natural Earth, naturalearthdata.com/about/terms-of-use/); no attribution required",
  scale: SCALE,
  countries,
};
// one country per line: a regenerated file diffs by country
const lines = countries.map((country) => JSON.stringify(country));
const head = JSON.stringify({ source: outline.source, licence: outline.licence, scale: SCALE });
writeFileSync("theme/data/outline.json", `${head.slice(0, -1)},"countries":[\n${lines.join(",\n")}\n]}\n`);
console.log(`theme/data/outline.json: ${countries.length} countries`);
