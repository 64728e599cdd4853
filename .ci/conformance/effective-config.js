#!/usr/bin/env node
// Builds the portman config the run uses from three sources, so that a new operation in the OpenAPI document is
// tested without editing this folder:
//   - portman-config.json (committed): the contract tests, the bad-input variations, real ids and bodies;
//   - the document's `x-roles` on each operation: the token the request carries (the first role listed, unless the
//     committed config already sets one for that operation) and, for every operation that needs a token, three
//     variations: no token (401), a token not accepted (401), a role the operation does not list (403);
//   - the example plans: a body value "@example:NAME" becomes the content of $EXAMPLES/NAME.plan.json;
//   - a body given whole (key ".") replaces the one portman generates: portman merges it, so the generated
//     properties it does not name are removed first.
// Usage: node effective-config.js openapi.json portman-config.json EXAMPLES_DIR effective.json
// Exits 1 when the document lacks what the variations need (a 401 or 403 answer where x-roles asks for a token).
'use strict';
const fs = require('fs');
const path = require('path');

const [docFile, configFile, examplesDir, outFile] = process.argv.slice(2);
const doc = JSON.parse(fs.readFileSync(docFile, 'utf8'));
const config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
const ROLES = ['CITY', 'OFFICE', 'COMMITTEE', 'REVIEWER', 'ADMIN'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const problems = [];

// "@example:NAME" anywhere in the config → the example plan's JSON
const withExamples = (value) => {
  if (typeof value === 'string' && value.startsWith('@example:')) {
    const file = path.join(examplesDir, value.slice('@example:'.length) + '.plan.json');
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  if (Array.isArray(value)) return value.map(withExamples);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withExamples(v)]));
  }
  return value;
};
const out = withExamples(config);
out.overwrites = out.overwrites || [];
out.tests = out.tests || {};
out.tests.variationTests = out.tests.variationTests || [];

// a body given whole replaces the generated one (portman would merge the two)
const resolve = (node) => {
  let n = node;
  for (let i = 0; n && n.$ref && i < 10; i++) {
    n = n.$ref.split('/').slice(1).reduce((o, k) => o && o[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return n || {};
};
for (const o of out.overwrites) {
  const whole = (o.overwriteRequestBody || []).find((b) => b.key === '.' && b.value && typeof b.value === 'object');
  if (!whole || o.openApiOperation.includes('*')) continue;
  const [method, p] = o.openApiOperation.split('::');
  const op = ((doc.paths || {})[p] || {})[method.toLowerCase()];
  if (!op) continue;
  const schema = resolve(((resolve(op.requestBody).content || {})['application/json'] || {}).schema);
  const generated = Object.keys(schema.properties || {}).filter((k) => !(k in whole.value));
  o.overwriteRequestBody = [...generated.map((key) => ({ key, remove: true })), ...o.overwriteRequestBody];
}

const bearer = (role) => ({ bearer: { token: `{{token_${role}}}` } });
// portman's schema has no "noauth": give the request a token of its own, then remove it (which leaves noauth)
const noToken = [{ overwriteRequestSecurity: bearer('ADMIN') }, { overwriteRequestSecurity: { remove: true } }];
const target = (o) => o.openApiOperation;
const setsToken = new Set(out.overwrites.filter((o) => o.overwriteRequestSecurity).map(target));

for (const [p, item] of Object.entries(doc.paths || {})) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    const ref = `${method.toUpperCase()}::${p}`;
    const roles = op['x-roles'] || [];
    const security = op.security !== undefined ? op.security : doc.security;
    const needsToken = roles.length > 0 || (security && security.length > 0 && security.some((s) => Object.keys(s).length));
    if (!needsToken) {
      if (!setsToken.has(ref)) noToken.forEach((o) => out.overwrites.push({ openApiOperation: ref, ...o }));
      continue;
    }
    const unknown = roles.filter((r) => !ROLES.includes(r));
    if (unknown.length) problems.push(`${ref}: x-roles names unknown roles ${unknown.join(', ')}`);
    if (!roles.length) problems.push(`${ref}: needs a token but has no x-roles`);
    const acting = roles.find((r) => ROLES.includes(r)) || 'ADMIN';
    if (!setsToken.has(ref)) out.overwrites.push({ openApiOperation: ref, overwriteRequestSecurity: bearer(acting) });

    const responses = op.responses || {};
    // a variation starts from the operation's request with its overwrites (real ids, a valid body): only the
    // caller differs, so the answer is about the caller
    const variation = (name, security, code, extra = {}) => ({
      name,
      overwrites: security,
      tests: {
        contractTests: [{
          statusCode: { enabled: true, code },
          contentType: { enabled: true },
          jsonBody: { enabled: true },
          schemaValidation: { enabled: true },
          headersPresent: { enabled: true }
        }],
        ...extra
      }
    });
    // a 401 says how to authenticate (RFC 6750)
    const challenge = { contentTests: [{ responseHeaderTests: [{ key: 'WWW-Authenticate', contains: 'Bearer' }] }] };
    if (!responses['401']) problems.push(`${ref}: needs a token but documents no 401 answer`);
    else {
      out.tests.variationTests.push({
        openApiOperation: ref, openApiResponse: '401',
        variations: [
          variation('no token', noToken, 401, challenge),
          variation('token not accepted', [{ overwriteRequestSecurity: { bearer: { token: 'not-a-token-of-this-service' } } }],
            401, challenge)
        ]
      });
    }
    const wrong = ['CITY', 'REVIEWER', 'OFFICE', 'COMMITTEE', 'ADMIN'].find((r) => !roles.includes(r));
    if (wrong) {
      if (!responses['403']) problems.push(`${ref}: x-roles leaves out ${wrong} but documents no 403 answer`);
      else {
        out.tests.variationTests.push({
          openApiOperation: ref, openApiResponse: '403',
          variations: [variation(`role ${wrong}`, [{ overwriteRequestSecurity: bearer(wrong) }], 403)]
        });
      }
    }
  }
}

for (const p of problems) console.error(`conformance: the document: ${p}`);
fs.writeFileSync(outFile, JSON.stringify(out, null, 2) + '\n');
process.exit(problems.length ? 1 : 0);
