#!/usr/bin/env node
// Reads newman's JSON report: prints each failed check with its request and answer, the answers of 500 or more,
// and the closing line "conformance: N passed, M failed". Exits 1 on any failure, a 5xx or no check at all.
'use strict';
const fs = require('fs');
const run = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')).run;
let passed = 0;
let failed = 0;
const serverErrors = [];
for (const ex of run.executions || []) {
  const req = ex.request || {};
  const url = req.url ? '/' + (req.url.path || []).join('/') : '';
  const code = ex.response ? ex.response.code : 'no answer';
  if (typeof code === 'number' && code >= 500) serverErrors.push(`${ex.item.name}: ${req.method} ${url} → ${code}`);
  if (ex.requestError) {
    failed++;
    console.log(`FAIL ${ex.item.name} (${req.method} ${url}): ${ex.requestError.message}`);
  }
  for (const a of ex.assertions || []) {
    if (!a.error) { passed++; continue; }
    failed++;
    console.log(`FAIL ${ex.item.name} (${req.method} ${url} → ${code}): ${a.assertion}\n     ${a.error.message}`);
    if (ex.response && ex.response.stream) {
      const body = Buffer.from(ex.response.stream.data || []).toString('utf8');
      if (body) console.log(`     answer: ${body.slice(0, 400)}`);
    }
  }
}
for (const e of run.failures || []) {
  if (!e.error || e.error.name === 'AssertionError') continue; // counted above
  failed++;
  console.log(`FAIL ${e.source && e.source.name}: ${e.error.name}: ${e.error.message}`);
}
for (const s of serverErrors) console.log(`5xx ${s}`);
const requests = (run.executions || []).length;
console.log(`conformance: ${requests} requests, ${serverErrors.length} answers of 500 or more`);
console.log(`conformance: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && serverErrors.length === 0 && passed > 0 ? 0 : 1);
