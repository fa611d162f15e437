'use strict';
// The permanent-residence table (policy/kz/schemes/permanent-residence.yaml) encoded for the two Node peers:
//  - a GoRules ZEN JSON Decision Model: an expression node derives the law date and age, one decision table per
//    criterion or best-of indicator (hit policy "first" with a catch-all default row, "collect" for adaptability),
//    and a final expression node applying best-of, caps, the group cap, max-total, bonuses, gates and the pass mark;
//  - json-rules-engine rules: one rule per table row (its points in the event), one per gate; a thin loop applies
//    the same aggregation (glue()).
// Parameters are those in force on the population's law date (2026-03-01): among them the 2025–2026 regions designated
// for kandas (a gate of the kandas status conditions) and financial capacity of 1,320 MRP (MRP 4,325) per family member
// aged 16 or over plus 15 m² of housing per family member, kandas exempt. `node models.js` writes both to models/.

const HIGHER = ['bachelor', 'master', 'doctorate'];
const DESIGNATED = ['KZ-11', 'KZ-10', 'KZ-39', 'KZ-55', 'KZ-63', 'KZ-59', 'KZ-23', 'KZ-27'];
const CRITERIA = [
  'age', 'education', 'kazakh_language', 'russian_language', 'foreign_language', 'work_experience', 'military_service',
  'professional_qualification', 'occupation_skill', 'spouse_education', 'spouse_kazakh', 'education_x_kazakh',
  'education_x_experience', 'adaptability', 'in_demand_occupation',
];
const FUNDS_PER_MEMBER_16_PLUS = 1320 * 4325;
const HOUSING_M2_PER_MEMBER = 15;

// Each table: slot (criterion/indicator), columns (ZEN field expressions / json-rules-engine facts), rows of
// cells: a cell is null (any), {eq}, {in: [...]}, {range: [lo, hi]}, {gte}, or {is: bool}.
const any = null;
const eq = (v) => ({ in: [v] });
const oneOf = (...v) => ({ in: v });
const range = (lo, hi) => ({ range: [lo, hi] });
const gte = (v) => ({ gte: v });
const is = (b) => ({ is: b });

const TABLES = [
  { slot: 'age', criterion: 'age', columns: ['has_spouse', 'age'], rows: [
    [[is(false), range(18, 24)], 100], [[is(false), range(25, 34)], 120], [[is(false), range(35, 44)], 100],
    [[is(false), range(45, 54)], 60], [[is(false), range(55, 64)], 20],
    [[is(true), range(18, 24)], 90], [[is(true), range(25, 34)], 110], [[is(true), range(35, 44)], 90],
    [[is(true), range(45, 54)], 55], [[is(true), range(55, 64)], 15]] },
  { slot: 'education', criterion: 'education', columns: ['education'], rows: [
    [[eq('secondary')], 40], [[eq('vocational')], 70], [[eq('bachelor')], 120], [[eq('master')], 145], [[eq('doctorate')], 160]] },
  { slot: 'kazakh_level', criterion: 'kazakh_language', columns: ['kazakh_level'], rows: [
    [[eq('a1')], 20], [[eq('a2')], 35], [[eq('b1')], 55], [[eq('b2')], 75], [[eq('c1')], 90], [[eq('c2')], 100]] },
  { slot: 'kazakh_certificate', criterion: 'kazakh_language', columns: ['kaztest_c1', 'kaztest_b2', 'kaztest_b1'], rows: [
    [[is(true), any, any], 90], [[is(false), is(true), any], 75], [[is(false), is(false), is(true)], 55]] },
  { slot: 'russian', criterion: 'russian_language', columns: ['russian_level'], rows: [
    [[eq('a1')], 10], [[eq('a2')], 20], [[eq('b1')], 35], [[eq('b2')], 50], [[oneOf('c1', 'c2')], 60]] },
  { slot: 'english_level', criterion: 'foreign_language', columns: ['english_level'], rows: [
    [[eq('a2')], 10], [[eq('b1')], 30], [[eq('b2')], 50], [[eq('c1')], 70], [[eq('c2')], 80]] },
  { slot: 'english_certificate', criterion: 'foreign_language', columns: ['english_certificate'], rows: [[[is(true)], 60]] },
  { slot: 'work_experience', criterion: 'work_experience', columns: ['work_experience_years'], rows: [
    [[range(1, 2)], 20], [[range(3, 5)], 40], [[range(6, 9)], 60], [[gte(10)], 70]] },
  { slot: 'military_service', criterion: 'military_service', columns: ['military_service'], rows: [[[is(true)], 20]] },
  { slot: 'qualification', criterion: 'professional_qualification', columns: ['qualification_level'], rows: [
    [[eq('nqf_1_3')], 30], [[eq('nqf_4_5')], 55], [[eq('nqf_6_8')], 80]] },
  { slot: 'occupation', criterion: 'occupation_skill', columns: ['occupation_group'], rows: [
    [[oneOf('1', '2')], 120], [[eq('3')], 80], [[oneOf('0', '4', '5', '6', '7', '8')], 30]] },
  { slot: 'spouse_education', criterion: 'spouse_education', columns: ['has_spouse', 'spouse_education'], rows: [
    [[is(true), eq('secondary')], 10], [[is(true), eq('vocational')], 20], [[is(true), eq('bachelor')], 30],
    [[is(true), eq('master')], 35], [[is(true), eq('doctorate')], 40]] },
  { slot: 'spouse_kazakh', criterion: 'spouse_kazakh', columns: ['has_spouse', 'spouse_kazakh_level'], rows: [
    [[is(true), eq('a1')], 10], [[is(true), eq('a2')], 15], [[is(true), eq('b1')], 25], [[is(true), eq('b2')], 30],
    [[is(true), oneOf('c1', 'c2')], 40]] },
  { slot: 'education_x_kazakh', criterion: 'education_x_kazakh', columns: ['education', 'kazakh_level'], rows: [
    [[oneOf(...HIGHER), oneOf('b2', 'c1', 'c2')], 80], [[oneOf(...HIGHER), oneOf('a2', 'b1')], 40],
    [[eq('vocational'), oneOf('b1', 'b2', 'c1', 'c2')], 40]] },
  { slot: 'education_x_experience', criterion: 'education_x_experience', columns: ['education', 'work_experience_years'], rows: [
    [[oneOf(...HIGHER), gte(5)], 80], [[oneOf(...HIGHER), range(2, 4)], 40], [[eq('vocational'), gte(3)], 40]] },
  { slot: 'adaptability', criterion: 'adaptability', collect: true, columns: ['relatives_in_kz', 'studied_in_kz', 'job_offer'], rows: [
    [[is(true), any, any], 30], [[any, is(true), any], 40], [[any, any, is(true)], 50]] },
  { slot: 'in_demand', criterion: 'in_demand_occupation', columns: ['in_demand_occupation'], rows: [[[is(true)], 50]] },
];

const GATES = [
  { id: 'kaztest', zen: 'kaztest_listening_pct >= 30 and kaztest_reading_pct >= 30',
    jre: { all: [{ fact: 'kaztest_listening_pct', operator: 'greaterThanInclusive', value: 30 }, { fact: 'kaztest_reading_pct', operator: 'greaterThanInclusive', value: 30 }] } },
  { id: 'kaztest_attempts', zen: 'kaztest_attempts <= 3', jre: { all: [{ fact: 'kaztest_attempts', operator: 'lessThanInclusive', value: 3 }] } },
  { id: 'no_criminal_record', zen: 'criminal_record == false', jre: { all: [{ fact: 'criminal_record', operator: 'equal', value: false }] } },
  { id: 'no_deportation', zen: 'deportation_history == false', jre: { all: [{ fact: 'deportation_history', operator: 'equal', value: false }] } },
  { id: 'health', zen: 'health_certificate == true', jre: { all: [{ fact: 'health_certificate', operator: 'equal', value: true }] } },
  { id: 'financial_capacity', zen: "applicant_kind == 'kandas' or funds_kzt >= required_funds_kzt",
    jre: { any: [{ fact: 'applicant_kind', operator: 'equal', value: 'kandas' },
      { fact: 'funds_kzt', operator: 'greaterThanInclusive', value: { fact: 'required_funds_kzt' } }] } },
  { id: 'kandas_status_condition',
    zen: `applicant_kind != 'kandas' or (kandas_condition == 'regional_quota' and destination_region in [${DESIGNATED.map((r) => `'${r}'`).join(', ')}]) or kandas_condition in ['demographic_settlement', 'family_reunification']`,
    jre: { any: [{ fact: 'applicant_kind', operator: 'notEqual', value: 'kandas' },
      { all: [{ fact: 'kandas_condition', operator: 'equal', value: 'regional_quota' }, { fact: 'destination_region', operator: 'in', value: DESIGNATED }] },
      { fact: 'kandas_condition', operator: 'in', value: ['demographic_settlement', 'family_reunification'] }] } },
  { id: 'citizenship_consent', zen: 'citizenship_consent == true', jre: { all: [{ fact: 'citizenship_consent', operator: 'equal', value: true }] } },
];

// ---------- GoRules ZEN (JDM) ----------
const ZEN_DERIVED = [
  ['law_date', "d(lodgement_date) < d('2026-02-13') ? '2026-02-13' : lodgement_date"],
  ['age', 'd($.law_date).year() - d(birth_date).year() - ((d($.law_date).month() < d(birth_date).month() or (d($.law_date).month() == d(birth_date).month() and d($.law_date).day() < d(birth_date).day())) ? 1 : 0)'],
  ['spouse_education', "spouse.education ?? 'none'"],
  ['spouse_kazakh_level', "spouse.kazakh_level ?? 'none'"],
  ['kaztest_c1', "contains(certificates, 'kaztest_c1')"],
  ['kaztest_b2', "contains(certificates, 'kaztest_b2')"],
  ['kaztest_b1', "contains(certificates, 'kaztest_b1')"],
  ['english_certificate', "contains(certificates, 'ielts') or contains(certificates, 'toefl')"],
  ['required_funds_kzt', `${FUNDS_PER_MEMBER_16_PLUS} * (family_members_16_plus ?? 1) + (housing_provided == true ? 0 : ${HOUSING_M2_PER_MEMBER} * (family_members ?? 1) * (housing_price_per_m2_kzt ?? 0))`],
];

function zenCell(cell) {
  if (cell === null) return '';
  if (cell.in) return cell.in.map((v) => `'${v}'`).join(', ');
  if (cell.range) return `[${cell.range[0]}..${cell.range[1]}]`;
  if (cell.gte !== undefined) return `>= ${cell.gte}`;
  return String(cell.is);
}

function zenModel() {
  const nodes = [{ id: 'request', type: 'inputNode', name: 'Request', position: { x: 0, y: 0 } }];
  const edges = [];
  const edge = (from, to) => edges.push({ id: `${from}->${to}`, type: 'edge', sourceId: from, targetId: to });
  nodes.push({ id: 'derive', type: 'expressionNode', name: 'Law date, age, set members', position: { x: 200, y: 0 },
    content: { passThrough: true, expressions: ZEN_DERIVED.map(([key, value]) => ({ id: `derive.${key}`, key, value })) } });
  edge('request', 'derive');
  TABLES.forEach((t, i) => {
    const inputs = t.columns.map((field, c) => ({ id: `${t.slot}.in${c}`, name: field, field }));
    const output = { id: `${t.slot}.points`, name: 'points', field: t.collect ? 'points' : `p_${t.slot}` };
    const rules = t.rows.map(([cells, points], r) => {
      const rule = { _id: `${t.slot}.r${r + 1}` };
      cells.forEach((cell, c) => { rule[inputs[c].id] = zenCell(cell); });
      rule[output.id] = String(points);
      return rule;
    });
    if (!t.collect) {
      const rule = { _id: `${t.slot}.default` };
      inputs.forEach((input) => { rule[input.id] = ''; });
      rule[output.id] = '0';
      rules.push(rule);
    }
    const content = { hitPolicy: t.collect ? 'collect' : 'first', passThrough: false, inputs, outputs: [output], rules };
    if (t.collect) content.outputPath = `c_${t.slot}`;
    nodes.push({ id: `table.${t.slot}`, type: 'decisionTableNode', name: t.slot, position: { x: 400, y: i * 80 }, content });
    edge('derive', `table.${t.slot}`);
    edge(`table.${t.slot}`, 'score');
  });
  const expressions = [
    ['age', 'p_age'], ['education', 'p_education'], ['kazakh_language', 'max([p_kazakh_level, p_kazakh_certificate])'],
    ['russian_language', 'p_russian'], ['foreign_language', 'max([p_english_level, p_english_certificate])'],
    ['work_experience', 'p_work_experience'], ['military_service', 'p_military_service'],
    ['professional_qualification', 'p_qualification'], ['occupation_skill', 'p_occupation'], ['spouse_education', 'p_spouse_education'],
    ['spouse_kazakh', 'p_spouse_kazakh'],
    ['education_x_kazakh', 'min([p_education_x_kazakh, 120])'],
    ['education_x_experience', 'min([p_education_x_experience, max([120 - $.education_x_kazakh, 0])])'],
    ['adaptability', 'min([sum(map(c_adaptability, #.points)), 100])'],
    ['in_demand_occupation', 'p_in_demand'],
    ['regular', '$.age + $.education + $.kazakh_language + $.russian_language + $.foreign_language + $.work_experience + $.military_service + $.professional_qualification + $.occupation_skill + $.spouse_education + $.spouse_kazakh + $.education_x_kazakh + $.education_x_experience + $.adaptability'],
    ['total', 'min([$.regular, 1000]) + $.in_demand_occupation'],
    ['gates', GATES.map((g) => `(${g.zen})`).join(' and ')],
    ['decision', "$.gates ? ($.total >= 400 ? 'pass' : 'fail-score') : 'fail-gate'"],
  ];
  nodes.push({ id: 'score', type: 'expressionNode', name: 'Best-of, caps, total, gates, pass mark', position: { x: 700, y: 0 },
    content: { passThrough: false, expressions: expressions.map(([key, value]) => ({ id: `score.${key}`, key, value })) } });
  edge('derive', 'score');
  nodes.push({ id: 'response', type: 'outputNode', name: 'Response', position: { x: 900, y: 0 } });
  edge('score', 'response');
  return { contentType: 'application/vnd.gorules.decision', nodes, edges };
}

// ---------- json-rules-engine ----------
function jreCondition(fact, cell) {
  if (cell === null) return [];
  if (cell.in) return [cell.in.length === 1 ? { fact, operator: 'equal', value: cell.in[0] } : { fact, operator: 'in', value: cell.in }];
  if (cell.range) return [{ fact, operator: 'greaterThanInclusive', value: cell.range[0] }, { fact, operator: 'lessThanInclusive', value: cell.range[1] }];
  if (cell.gte !== undefined) return [{ fact, operator: 'greaterThanInclusive', value: cell.gte }];
  return [{ fact, operator: 'equal', value: cell.is }];
}

function jreRules() {
  const rules = [];
  for (const t of TABLES) {
    t.rows.forEach(([cells, points], r) => {
      rules.push({
        name: `${t.slot}#${r + 1}`,
        conditions: { all: cells.flatMap((cell, c) => jreCondition(t.columns[c], cell)) },
        event: { type: 'points', params: { slot: t.slot, points } },
      });
    });
  }
  for (const g of GATES) rules.push({ name: `gate:${g.id}`, conditions: g.jre, event: { type: 'gate', params: { gate: g.id } } });
  return rules;
}

/** The facts json-rules-engine sees for one applicant: its inputs plus the derived law date, age and set members. */
function jreFacts(applicant) {
  const lawDate = applicant.lodgement_date < '2026-02-13' ? '2026-02-13' : applicant.lodgement_date;
  const certificates = applicant.certificates || [];
  return {
    ...applicant,
    age: age(applicant.birth_date, lawDate),
    spouse_education: (applicant.spouse && applicant.spouse.education) || 'none',
    spouse_kazakh_level: (applicant.spouse && applicant.spouse.kazakh_level) || 'none',
    kaztest_c1: certificates.includes('kaztest_c1'),
    kaztest_b2: certificates.includes('kaztest_b2'),
    kaztest_b1: certificates.includes('kaztest_b1'),
    english_certificate: certificates.includes('ielts') || certificates.includes('toefl'),
    required_funds_kzt: FUNDS_PER_MEMBER_16_PLUS * (applicant.family_members_16_plus ?? 1)
      + (applicant.housing_provided ? 0 : HOUSING_M2_PER_MEMBER * (applicant.family_members ?? 1) * (applicant.housing_price_per_m2_kzt ?? 0)),
  };
}

/** Whole years between two ISO dates (a 29 February birthday counts from 1 March in other years, as the scheme's age()). */
function age(birth, law) {
  const by = +birth.slice(0, 4); const bm = +birth.slice(5, 7); const bd = +birth.slice(8, 10);
  const ly = +law.slice(0, 4); const lm = +law.slice(5, 7); const ld = +law.slice(8, 10);
  return ly - by - (lm < bm || (lm === bm && ld < bd) ? 1 : 0);
}

const SLOT_CRITERION = Object.fromEntries(TABLES.map((t) => [t.slot, CRITERIA.indexOf(t.criterion)]));

/** Best-of, collect-sum, caps, group cap, max-total, bonuses, gates and the pass mark over the fired rule events. */
function glue(events) {
  const points = new Array(CRITERIA.length).fill(0);
  const adaptability = [];
  let gates = 0;
  for (const e of events) {
    if (e.type === 'gate') { gates++; continue; }
    const c = SLOT_CRITERION[e.params.slot];
    if (e.params.slot === 'adaptability') adaptability.push(e.params.points);
    else if (e.params.points > points[c]) points[c] = e.params.points;
  }
  points[13] = Math.min(adaptability.reduce((a, b) => a + b, 0), 100);
  points[11] = Math.min(points[11], 120);
  points[12] = Math.min(points[12], Math.max(120 - points[11], 0));
  let regular = 0;
  for (let c = 0; c < 14; c++) regular += points[c];
  const total = Math.min(regular, 1000) + points[14];
  const decision = gates === GATES.length ? (total >= 400 ? 'pass' : 'fail-score') : 'fail-gate';
  return { points, total, decision };
}

module.exports = { CRITERIA, TABLES, GATES, zenModel, jreRules, jreFacts, glue };

if (require.main === module) {
  const fs = require('fs');
  const path = require('path');
  const dir = path.join(__dirname, 'models');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'permanent-residence.zen.json'), JSON.stringify(zenModel(), null, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'permanent-residence.json-rules-engine.json'), JSON.stringify(jreRules(), null, 2) + '\n');
  console.log(`wrote ${dir}`);
}
