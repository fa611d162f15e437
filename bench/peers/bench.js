'use strict';
// Scores the same population as the .NET benchmarks with GoRules ZEN and json-rules-engine, one Node thread.
// Both evaluate APIs are async: each applicant is awaited in turn (a sequential loop, no Promise.all batching),
// so one evaluation is in flight at a time. Before timing, every engine's points per criterion, totals and decisions
// are checked against the expected figures Koshi exported for the first 10,000 applicants; any difference fails the run.
//
// usage: node bench.js [--count N] [--only zen|jre]   (data: ../.data, written by `Koshi.Bench prepare`)

const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { ZenEngine } = require('@gorules/zen-engine');
const { Engine } = require('json-rules-engine');
const { CRITERIA, zenModel, jreRules, jreFacts, glue } = require('./models');

const DATA = path.join(__dirname, '..', '.data');
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const COUNT = Number(opt('--count', 20000));
const ONLY = opt('--only', null);

async function readPopulation(count) {
  const file = fs.readdirSync(DATA).find((f) => /^permanent-residence-1000000-seed\d+\.jsonl$/.test(f));
  if (!file) throw new Error(`no population in ${DATA}: run 'Koshi.Bench prepare' first`);
  const people = [];
  const lines = readline.createInterface({ input: fs.createReadStream(path.join(DATA, file)), crlfDelay: Infinity });
  for await (const line of lines) {
    people.push(JSON.parse(line));
    if (people.length >= count) break;
  }
  lines.close();
  return people;
}

function check(name, expected, results) {
  const n = Math.min(expected.people.length, results.length);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const e = expected.people[i];
    const r = results[i];
    const diffs = [];
    CRITERIA.forEach((c, k) => { if (r.points[k] !== e.points[k]) diffs.push(`${c} ${r.points[k]} (Koshi ${e.points[k]})`); });
    if (r.total !== e.total) diffs.push(`total ${r.total} (Koshi ${e.total})`);
    if (r.decision !== e.decision) diffs.push(`decision ${r.decision} (Koshi ${e.decision})`);
    if (diffs.length > 0 && bad++ < 10) console.error(`FAIL: ${name}, applicant ${i + 1}: ${diffs.join('; ')}`);
  }
  if (bad > 0) throw new Error(`${name} differs from Koshi for ${bad} of ${n} applicants`);
  console.log(`${name}: same points per criterion, totals and decisions as Koshi for the first ${n} applicants`);
}

async function measure(name, people, evaluate) {
  const warm = Math.min(2000, people.length);
  for (let i = 0; i < warm; i++) await evaluate(people[i]);
  const start = process.hrtime.bigint();
  for (let i = 0; i < people.length; i++) await evaluate(people[i]);
  const ns = Number(process.hrtime.bigint() - start);
  const perApplicant = ns / people.length;
  console.log(`${name}: ${people.length} applicants in ${(ns / 1e6).toFixed(0)} ms, ${(1e9 / perApplicant).toFixed(0)} evaluations/s, ${perApplicant.toFixed(0)} ns per applicant`);
  return perApplicant;
}

async function main() {
  const expected = JSON.parse(fs.readFileSync(path.join(DATA, 'expected-10000.json'), 'utf8'));
  if (JSON.stringify(expected.criteria) !== JSON.stringify(CRITERIA)) throw new Error('criterion order differs from the scheme');
  const people = await readPopulation(Math.max(COUNT, expected.people.length));
  const sample = people.slice(0, expected.people.length);
  const timed = people.slice(0, COUNT);
  console.log(`node ${process.version}, ${timed.length} applicants timed (the first ${timed.length} of the 1,000,000), sequential await`);
  const out = {};

  if (!ONLY || ONLY === 'zen') {
    const engine = new ZenEngine();
    const decision = engine.createDecision(zenModel());
    const zen = async (p) => {
      const r = (await decision.evaluate(p)).result;
      return { points: CRITERIA.map((c) => r[c]), total: r.total, decision: r.decision };
    };
    const results = [];
    for (const p of sample) results.push(await zen(p));
    check('GoRules ZEN 0.54.0', expected, results);
    out.zen = await measure('GoRules ZEN 0.54.0', timed, zen);
    engine.dispose();
  }

  if (!ONLY || ONLY === 'jre') {
    const engine = new Engine(jreRules(), { allowUndefinedFacts: true });
    const jre = async (p) => glue((await engine.run(jreFacts(p))).events);
    const results = [];
    for (const p of sample) results.push(await jre(p));
    check('json-rules-engine 7.3.1', expected, results);
    out.jre = await measure('json-rules-engine 7.3.1', timed, jre);
  }

  fs.writeFileSync(path.join(DATA, 'node-ns-per-applicant.json'), JSON.stringify({ count: timed.length, ...out }));
}

main().catch((e) => { console.error(`FAIL: ${e.message}`); process.exit(1); });
