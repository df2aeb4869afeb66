// Checks, on real corpus files, that reference.mjs turns the reference implementation's status
// codes into the verdicts the cross-check compares: run with `node --test` in this folder after
// npm ci (not part of CI). C2PA_CORPUS overrides the corpus (default ../../../shared/corpus).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const corpus = process.env.C2PA_CORPUS
  ?? fileURLToPath(new URL('../../../shared/corpus', import.meta.url));
const script = fileURLToPath(new URL('./reference.mjs', import.meta.url));
const roots = `${corpus}/c2pa-trust/c2pa-test-roots.pem`;

function reference(names, anchors) {
  const args = [script, ...(anchors ? [`--trustAnchors=${anchors}`] : []),
    ...names.map((name) => `${corpus}/real-assets/${name}`)];
  const lines = execFileSync(process.execPath, args, { encoding: 'utf8' }).trim().split('\n');
  return Object.fromEntries(lines.map((line) => JSON.parse(line))
    .map((record) => [record.path.split('/').pop(), record]));
}

test('a signer chaining to a configured anchor is trusted, and untrusted without anchors', () => {
  const withRoots = reference(['c2pars__C.jpg'], roots)['c2pars__C.jpg'];
  const without = reference(['c2pars__C.jpg'])['c2pars__C.jpg'];
  assert.deepEqual([withRoots.signature, withRoots.binding, withRoots.trust], ['valid', 'match', 'trusted']);
  assert.equal(without.trust, 'untrusted');
  assert.ok(without.status_codes.failure.includes('signingCredential.untrusted'));
});

test('a broken claim signature is invalid while its content still matches', () => {
  const record = reference(['c2pars__E-sig-CA.jpg'], roots)['c2pars__E-sig-CA.jpg'];
  assert.equal(record.signature, 'invalid');
  assert.equal(record.binding, 'match');
  assert.ok(record.status_codes.failure.includes('claimSignature.mismatch'));
});

test('altered content is a hard-binding mismatch under a valid signature', () => {
  const record = reference(['c2pars__XCA.jpg'], roots)['c2pars__XCA.jpg'];
  assert.deepEqual([record.signature, record.binding], ['valid', 'mismatch']);
  assert.ok(record.status_codes.failure.includes('assertion.dataHash.mismatch'));
});

test('an ingredient whose recorded signature failed is reported inside a valid manifest', () => {
  const record = reference(['c2pars__CIE-sig-CA.jpg'], roots)['c2pars__CIE-sig-CA.jpg'];
  assert.deepEqual([record.signature, record.binding, record.trust], ['valid', 'match', 'trusted']);
  assert.deepEqual(record.ingredients_failed.map((i) => [i.ingredient, i.codes]),
    [['E-sig-CA.jpg', ['claimSignature.mismatch']]]);
});

test('an expired Adobe signer is saved by its trusted time-stamp', () => {
  const record = reference(['c2pajsl__firefly-1.jpg'], roots)['c2pajsl__firefly-1.jpg'];
  assert.equal(record.signature, 'valid');
  assert.equal(record.expired_signer_saved_by_time_stamp, true);
  assert.equal(record.signed_at, '2023-03-21T00:26:57+00:00');
  assert.match(record.signer.subject, /CN=cai-prod/);
});

test('remote-only manifests, files without a store and unreadable formats are told apart', () => {
  const records = reference(['c2pars__cloud.jpg', 'c2pars__no_manifest.jpg', 'SOURCES.md'], roots);
  assert.equal(records['c2pars__cloud.jpg'].outcome, 'remote_manifest');
  assert.match(records['c2pars__cloud.jpg'].detail, /^https:\/\/cai-manifests\.adobe\.com\//);
  assert.equal(records['c2pars__no_manifest.jpg'].outcome, 'no_manifest');
  assert.equal(records['SOURCES.md'].outcome, 'unsupported_format');
});
