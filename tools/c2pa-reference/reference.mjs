// Runs the C2PA reference implementation (c2pa-rs, as the WebAssembly build published in
// @contentauth/c2pa-wasm) on each FILE and prints one JSON line per file, in argument order:
//
//   {"path": FILE, "outcome": "validated|no_manifest|remote_manifest|unsupported_format|rejected",
//    "detail": "the reference's error, or the remote manifest's URL",
//    "validation_state": "Invalid|Valid|Trusted",
//    "signature": "valid|invalid|not_checked", "binding": "match|mismatch|none|not_checked",
//    "trust": "trusted|untrusted|not_checked",
//    "signer": {"subject": "CN=…, O=…", "issuer": "CN=…, O=…"}, "certificate_not_after": ISO-8601,
//    "signed_at": ISO-8601 time of a validated time-stamp, "time_stamp": "trusted|untrusted|invalid|none",
//    "expired_signer_saved_by_time_stamp": true|false,
//    "status_codes": {"success": [...], "informational": [...], "failure": [...]},
//    "failures": [{"code": …, "explanation": "the reference's words"}],
//    "ingredients_failed": [{"ingredient": title, "manifest": label, "source": "recorded|revalidated",
//                            "codes": [...]}],
//    "validation_time": ISO-8601}
//
// The verdicts are read from the validation results of the active manifest, using the status codes
// of the C2PA specification (section "Validation", "Returning validation results"):
//   signature  invalid when a claimSignature.* or signingCredential.* code other than
//              signingCredential.untrusted is a failure; valid on claimSignature.validated.
//   binding    mismatch when an assertion.dataHash/boxesHash/bmffHash/collectionHash code is a
//              failure; match on a .match of one of them; none on claim.hardBindings.missing.
//   trust      signingCredential.trusted / signingCredential.untrusted.
// An ingredient counts as failed when its recorded validation results (in the ingredient assertion)
// or the reference's own re-validation of its manifest (ingredientDeltas) hold a failure code other
// than signingCredential.untrusted: trust is its own axis, and without anchors every signer is
// untrusted.
//
// Usage: node reference.mjs [--trustAnchors=PEM] [--trustConfig=EKU_CFG] FILE...
// Runs offline: remote manifests and OCSP are not fetched, and any network fetch is refused.
// Exit status: 0 when every file got its line (per-file errors are in the lines), 2 on a usage
// error, 3 when the reference cannot be loaded.

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

globalThis.fetch = async (resource) => {
  throw new Error(`offline: the reference may not fetch ${resource}`);
};

const HARD_BINDING_PREFIXES = [
  'assertion.dataHash.', 'assertion.boxesHash.', 'assertion.bmffHash.', 'assertion.collectionHash.',
];
const UNTRUSTED = 'signingCredential.untrusted';

function usageError(message) {
  process.stderr.write(`reference: ${message}\n` +
    'usage: node reference.mjs [--trustAnchors=PEM] [--trustConfig=EKU_CFG] FILE...\n');
  process.exit(2);
}

function readText(option, path) {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    return usageError(`${option}: cannot read ${path}: ${e.code ?? e.message}`);
  }
}

function parseArguments(argv) {
  const files = [];
  let trustAnchors = null;
  let trustConfig = null;
  for (const arg of argv) {
    if (arg.startsWith('--trustAnchors=')) {
      trustAnchors = readText('--trustAnchors', arg.slice('--trustAnchors='.length));
    } else if (arg.startsWith('--trustConfig=')) {
      trustConfig = readText('--trustConfig', arg.slice('--trustConfig='.length));
    } else if (arg.startsWith('--')) {
      usageError(`unknown option ${arg.split('=')[0]}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) usageError('no FILE given');
  return { files, trustAnchors, trustConfig };
}

/** The c2pa-rs settings document: trust is always verified, nothing is fetched. */
function settingsJson(trustAnchors, trustConfig) {
  const trust = {};
  if (trustAnchors !== null) trust.trust_anchors = trustAnchors;
  if (trustConfig !== null) trust.trust_config = trustConfig;
  return JSON.stringify({
    version: 1,
    trust,
    verify: { verify_trust: true, remote_manifest_fetch: false, ocsp_fetch: false },
  });
}

async function loadReference() {
  try {
    const c2pa = await import('@contentauth/c2pa-wasm');
    const wasm = new URL('./node_modules/@contentauth/c2pa-wasm/pkg/c2pa_bg.wasm', import.meta.url);
    c2pa.initSync({ module: readFileSync(wasm) });
    return c2pa;
  } catch (e) {
    process.stderr.write(`reference: cannot load @contentauth/c2pa-wasm (${e.message}); ` +
      'run npm ci in tools/c2pa-reference\n');
    return process.exit(3);
  }
}

/** "CN=cai-prod, O=Adobe Inc., …" from crJSON's {CN: …, O: …} name object. */
function distinguishedName(name) {
  if (!name) return null;
  return Object.entries(name).map(([key, value]) => `${key}=${value}`).join(', ');
}

function codesOf(results) {
  return {
    success: (results?.success ?? []).map((s) => s.code),
    informational: (results?.informational ?? []).map((s) => s.code),
    failure: (results?.failure ?? []).map((s) => s.code),
  };
}

function signatureVerdict(codes) {
  const failed = codes.failure.some((c) =>
    (c.startsWith('claimSignature.') || c.startsWith('signingCredential.')) && c !== UNTRUSTED);
  if (failed) return 'invalid';
  return codes.success.includes('claimSignature.validated') ? 'valid' : 'not_checked';
}

function bindingVerdict(codes) {
  const isHardBinding = (c) => HARD_BINDING_PREFIXES.some((p) => c.startsWith(p));
  if (codes.failure.some(isHardBinding)) return 'mismatch';
  if (codes.success.some((c) => isHardBinding(c) && c.endsWith('.match'))) return 'match';
  if (codes.failure.includes('claim.hardBindings.missing')) return 'none';
  return 'not_checked';
}

function trustVerdict(codes) {
  if (codes.success.includes('signingCredential.trusted')) return 'trusted';
  if (codes.failure.includes(UNTRUSTED)) return 'untrusted';
  return 'not_checked';
}

function timeStampVerdict(codes) {
  const all = [...codes.success, ...codes.informational, ...codes.failure];
  if (all.some((c) => c === 'timeStamp.mismatch' || c === 'timeStamp.malformed'
      || c === 'timeStamp.outsideValidity')) return 'invalid';
  if (!all.includes('timeStamp.validated')) return 'none';
  return codes.success.includes('timeStamp.trusted') ? 'trusted' : 'untrusted';
}

function failureCodesOf(statusList) {
  return (statusList ?? []).map((s) => s.code).filter((c) => c && c !== UNTRUSTED);
}

// Success codes of the specification's table, by their endings: a v1/v2 ingredient's recorded
// validationStatus list is one list, so success and failure are told apart by the code.
const SUCCESS_ENDINGS = ['.validated', '.match', '.trusted', '.insideValidity', '.notRevoked', '.accessible'];

function recordedFailureCodes(ingredient) {
  const results = ingredient.validation_results;
  if (results) {
    return [
      ...failureCodesOf(results.activeManifest?.failure),
      ...(results.ingredientDeltas ?? []).flatMap((d) => failureCodesOf(d.validationDeltas?.failure)),
    ];
  }
  return failureCodesOf((ingredient.validation_status ?? []).filter((s) =>
    s.success !== true && !SUCCESS_ENDINGS.some((ending) => s.code?.endsWith(ending))));
}

/**
 * Failed ingredients of the active manifest and, through their manifests in the store, of theirs:
 * from each ingredient assertion's recorded results, and from the reference's ingredientDeltas.
 */
function failedIngredients(store) {
  const failed = [];
  const seen = new Set();
  const titles = new Map();
  const visit = (label) => {
    if (!label || seen.has(label) || !store.manifests?.[label]) return;
    seen.add(label);
    for (const ingredient of store.manifests[label].ingredients ?? []) {
      if (ingredient.label) titles.set(`${label}/c2pa.assertions/${ingredient.label}`, ingredient.title);
      const recorded = recordedFailureCodes(ingredient);
      if (recorded.length > 0) {
        failed.push({ ingredient: ingredient.title ?? null, manifest: ingredient.active_manifest ?? null,
          source: 'recorded', codes: [...new Set(recorded)] });
      }
      visit(ingredient.active_manifest);
    }
  };
  visit(store.active_manifest);
  for (const delta of store.validation_results?.ingredientDeltas ?? []) {
    const codes = failureCodesOf(delta.validationDeltas?.failure);
    if (codes.length === 0) continue;
    const uri = delta.ingredientAssertionURI ?? '';
    const path = uri.replace(/^self#jumbf=\/c2pa\//, '');
    failed.push({ ingredient: titles.get(path) ?? uri, manifest: path.split('/')[0] || null,
      source: 'revalidated', codes: [...new Set(codes)] });
  }
  return failed;
}

function outcomeOfError(error) {
  const text = String(error?.message ?? error);
  const remote = /RemoteManifestUrl\("([^"]*)"\)/.exec(text);
  if (remote) return { outcome: 'remote_manifest', detail: remote[1] };
  if (text.includes('JumbfNotFound')) return { outcome: 'no_manifest', detail: text };
  if (text.includes('UnsupportedType')) return { outcome: 'unsupported_format', detail: text };
  return { outcome: 'rejected', detail: text };
}

async function validate(c2pa, path, settings) {
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { path, outcome: 'rejected', detail: `cannot read the file: ${e.code ?? e.message}` };
  }
  const format = extname(path).slice(1).toLowerCase() || 'application/octet-stream';
  let reader;
  try {
    reader = await c2pa.WasmReader.fromBytes(format, bytes, settings);
  } catch (e) {
    return { path, ...outcomeOfError(e) };
  }
  try {
    const store = JSON.parse(reader.json());
    const active = JSON.parse(reader.crJson()).manifests?.find((m) => m.label === store.active_manifest);
    const results = store.validation_results?.activeManifest;
    const codes = codesOf(results);
    const certificate = active?.signature?.certificateInfo;
    const timeStamp = timeStampVerdict(codes);
    const validationTime = active?.validationResults?.validationTime ?? new Date().toISOString();
    const notAfter = certificate?.validity?.notAfter ?? null;
    const signature = signatureVerdict(codes);
    return {
      path,
      outcome: 'validated',
      detail: null,
      validation_state: store.validation_state ?? null,
      signature,
      binding: bindingVerdict(codes),
      trust: trustVerdict(codes),
      signer: certificate
        ? { subject: distinguishedName(certificate.subject), issuer: distinguishedName(certificate.issuer) }
        : null,
      certificate_not_after: notAfter,
      signed_at: timeStamp === 'none' || timeStamp === 'invalid'
        ? null : active?.signature?.timeStampInfo?.timestamp ?? null,
      time_stamp: timeStamp,
      expired_signer_saved_by_time_stamp: signature === 'valid' && timeStamp === 'trusted'
        && notAfter !== null && Date.parse(notAfter) < Date.parse(validationTime),
      status_codes: codes,
      failures: (results?.failure ?? []).map((s) => ({ code: s.code, explanation: s.explanation ?? null })),
      ingredients_failed: failedIngredients(store),
      validation_time: validationTime,
    };
  } finally {
    reader.free();
  }
}

const { files, trustAnchors, trustConfig } = parseArguments(process.argv.slice(2));
const c2pa = await loadReference();
const settings = settingsJson(trustAnchors, trustConfig);
for (const path of files) {
  process.stdout.write(`${JSON.stringify(await validate(c2pa, path, settings))}\n`);
}
