// Joins the reference implementation's verdicts (reference.mjs lines) with the audit's own
// (scripts/scan lines, their c2pa_validation object) and prints Markdown: the reference table, or
// the per-file comparison of signature, binding and trust with the status codes that differ, and
// a summary ending in "N disagreements". Called by scripts/crosscheck-c2pa, which runs both sides.
//
// Usage: node crosscheck.mjs --corpus=DIR --anchors=PEM --reference-none=JSONL
//          --reference-anchors=JSONL [--ours-none=JSONL | --ours-none-unavailable=WHY]
//          [--ours-anchors=JSONL | --ours-anchors-unavailable=WHY] [--write-doc=FILE]
// Without --ours-* it prints the reference side only; WHY says why a scan run gave no lines. --write-doc also writes the reference table
// (and the comparison, when there is one) to FILE. Exit status 0, or 2 on a usage error.

import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const MODES = [
  { key: 'none', title: 'no trust anchors' },
  { key: 'anchors', title: 'test roots as trust anchors' },
];
const UNCHECKABLE = {
  remote_manifest: 'remote manifest only, not fetched (offline)',
  rejected: 'rejected by the reference',
  unsupported_format: 'format the reference does not read',
};

function usageError(message) {
  process.stderr.write(`crosscheck: ${message}\n`);
  process.exit(2);
}

function parseArguments(argv) {
  const options = {};
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(.*)$/s.exec(arg);
    if (!match) usageError(`unexpected argument ${arg}`);
    options[match[1]] = match[2];
  }
  for (const required of ['corpus', 'anchors', 'reference-none', 'reference-anchors']) {
    if (!(required in options)) usageError(`--${required} is required`);
  }
  return options;
}

/** JSON lines of a file keyed by their "path"; a line that is not JSON is an error of its side. */
function readLines(file, side) {
  const byPath = new Map();
  const text = readFileSync(file, 'utf8');
  text.split('\n').filter((line) => line.trim() !== '').forEach((line, index) => {
    try {
      const record = JSON.parse(line);
      byPath.set(record.path, record);
    } catch (e) {
      usageError(`${side}: line ${index + 1} of its output is not JSON: ${line.slice(0, 120)}`);
    }
  });
  return byPath;
}

function referenceVersion() {
  const manifest = new URL('./node_modules/@contentauth/c2pa-wasm/package.json', import.meta.url);
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

function verdicts(v) {
  return v ? `${v.signature} / ${v.binding} / ${v.trust}` : '';
}

function allCodes(record) {
  const codes = record.status_codes ?? {};
  return [...(codes.success ?? []), ...(codes.informational ?? []), ...(codes.failure ?? [])];
}

/** "a, b×3, c": each code once, with how often it occurs when more than once. */
function compact(codes) {
  const counts = new Map();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].map(([code, n]) => (n > 1 ? `${code}×${n}` : code)).join(', ');
}

function shortName(dn) {
  if (!dn) return '';
  const parts = dn.split(', ');
  const pick = (key) => parts.find((p) => p.startsWith(`${key}=`));
  return [pick('CN'), pick('O')].filter(Boolean).join(', ');
}

function ingredientText(failed) {
  return (failed ?? []).map((f) => `${f.ingredient}: ${f.codes.join(', ')} (${f.source})`).join('; ');
}

function cell(text) {
  return String(text ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function row(cells) {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function outcomeText(record) {
  if (!record) return 'no output';
  if (record.outcome === 'no_manifest') return 'no C2PA manifest store';
  const why = UNCHECKABLE[record.outcome];
  return why ? `${why}: ${record.detail}` : record.outcome;
}

/** The reference's table, the known cases found in it, and the files it cannot check. */
function referenceSection(files, reference, display, anchors) {
  const out = [];
  const none = reference.none;
  const withRoots = reference.anchors;
  const validated = files.filter((f) => withRoots.get(f)?.outcome === 'validated'
    || none.get(f)?.outcome === 'validated');
  out.push(`## Reference verdicts (${validated.length} files with a C2PA manifest store)`, '');
  out.push('Verdicts are signature / binding / trust. Codes are those of the active manifest with the test roots '
    + '(success; informational; failure); the last column names the codes that change without them.', '');
  out.push(row(['file', 'no anchors', 'test roots', 'state (roots)', 'signer (CN, O)', 'signed at (time-stamp)',
    'codes with test roots', 'failed ingredients', 'without roots instead']));
  out.push(row(Array(9).fill('---')));
  for (const file of validated) {
    const a = withRoots.get(file);
    const n = none.get(file);
    const codes = a?.status_codes ?? {};
    const lost = allCodes(a ?? {}).filter((c) => !allCodes(n ?? {}).includes(c));
    const gained = allCodes(n ?? {}).filter((c) => !allCodes(a ?? {}).includes(c));
    const change = [...new Set(gained)].map((c) => `+${c}`).concat([...new Set(lost)].map((c) => `−${c}`));
    out.push(row([
      display(file), verdicts(n), verdicts(a), a?.validation_state,
      a?.signer ? `${shortName(a.signer.subject)} (issuer ${shortName(a.signer.issuer)})` : '',
      a?.signed_at ? `${a.signed_at} (${a.time_stamp})` : `no time-stamp${a?.time_stamp === 'invalid' ? ' (invalid one)' : ''}`,
      `${compact(codes.success ?? [])}; ${compact(codes.informational ?? []) || '—'}; ${compact(codes.failure ?? []) || '—'}`,
      ingredientText(a?.ingredients_failed) || '—',
      change.join(', ') || '—',
    ]));
  }
  out.push('', '## Known cases, as the reference sees them (with the test roots)', '');
  const pick = (test) => validated.filter((f) => withRoots.get(f) && test(withRoots.get(f))).map(display);
  const cases = [
    ['Bad signature (signature invalid)', pick((r) => r.signature === 'invalid')],
    ['Tampered content (hard binding mismatch)', pick((r) => r.binding === 'mismatch')],
    ['Assertion hash failure (assertion.hashedURI.mismatch in the active manifest)',
      pick((r) => (r.status_codes?.failure ?? []).includes('assertion.hashedURI.mismatch'))],
    ['Failed ingredient inside a valid manifest (the active manifest fails nothing but trust)',
      pick((r) => (r.status_codes?.failure ?? []).every((c) => c === 'signingCredential.untrusted')
        && (r.ingredients_failed ?? []).length > 0)],
    ['Expired signer saved by a trusted time-stamp (certificate expired before the validation time, '
      + 'signature valid at the stamped time)', pick((r) => r.expired_signer_saved_by_time_stamp)],
    ['Expired signer not saved (signingCredential.expired)',
      pick((r) => (r.status_codes?.failure ?? []).includes('signingCredential.expired'))],
    ['Remote-only manifest (not fetched: offline)',
      files.filter((f) => withRoots.get(f)?.outcome === 'remote_manifest').map(display)],
  ];
  for (const [title, found] of cases) out.push(`- ${title}: ${found.length ? found.join(', ') : 'none'}`);
  const sidecars = validated.filter((f) => f.endsWith('.c2pa') && withRoots.get(f)?.binding === 'mismatch');
  if (sidecars.length) {
    out.push('', `A standalone manifest store (${sidecars.map(display).join(', ')}) binds to an asset that is `
      + 'not there: the reference hashes the store file itself, so its binding mismatches by construction.');
  }
  const failing = validated.filter((f) => (withRoots.get(f)?.failures ?? [])
    .some((x) => x.code !== 'signingCredential.untrusted'));
  out.push('', `## Why the active manifest fails, in the reference's words (${failing.length} files)`, '');
  for (const f of failing) {
    const reasons = withRoots.get(f).failures.filter((x) => x.code !== 'signingCredential.untrusted')
      .map((x) => `${x.code} (${x.explanation})`);
    out.push(`- ${display(f)}: ${reasons.join('; ')}`);
  }
  const fragmented = validated.filter((f) => (withRoots.get(f)?.failures ?? [])
    .some((x) => x.code.startsWith('assertion.bmffHash.') && /fragment/i.test(x.explanation ?? '')));
  if (fragmented.length) {
    out.push('', `${fragmented.map(display).join(', ')}: an initialization segment whose fragments are not in `
      + 'the corpus; the reference calls its BMFF hash a mismatch, where issue 11 asks for `not_checked` with the '
      + 'reason, so an audit following the issue differs here by design.');
  }
  const uncheckable = files.filter((f) => UNCHECKABLE[withRoots.get(f)?.outcome]);
  out.push('', `## Files the reference cannot check (${uncheckable.length})`, '');
  for (const f of uncheckable) out.push(`- ${display(f)}: ${outcomeText(withRoots.get(f))}`);
  const noStore = files.filter((f) => withRoots.get(f)?.outcome === 'no_manifest');
  out.push('', `## Files without a C2PA manifest store, says the reference (${noStore.length})`, '');
  out.push(noStore.map(display).join(', ') || 'none');
  out.push('', `Trust anchors for "test roots": ${anchors}. Without anchors the reference calls every signer `
    + 'untrusted; with them it calls '
    + `${validated.filter((f) => withRoots.get(f)?.trust === 'trusted').length} files' signers trusted.`);
  return out;
}

/** Agreement of one file in one trust mode: "yes", "no" or "n/a" (the reference cannot check it). */
function compare(ref, scan, oursUnavailable) {
  const ours = scan?.c2pa_validation ?? null;
  if (!ref || UNCHECKABLE[ref.outcome]) return { agree: 'n/a', ours };
  if (oursUnavailable) return { agree: 'no', ours, why: 'ours unavailable' };
  if (ref.outcome === 'no_manifest') {
    return ours ? { agree: 'no', ours, why: 'ours validated a store the reference does not find' }
      : { agree: 'yes', ours };
  }
  if (!ours) return { agree: 'no', ours, why: scan ? 'no c2pa_validation in our record' : 'no line from scan' };
  const same = ['signature', 'binding', 'trust'].every((k) => ref[k] === ours[k]);
  return { agree: same ? 'yes' : 'no', ours };
}

/** Our column for a file without a c2pa_validation object. */
function oursWithout(scan, oursUnavailable) {
  if (oursUnavailable) return 'unavailable';
  if (!scan) return 'no line from scan';
  if (scan.error) return `scan error: ${scan.error}`;
  return `no c2pa_validation (scan ${scan.c2pa ? 'found' : 'found no'} C2PA store)`;
}

function comparisonSection(files, reference, ours, unavailable, display) {
  const out = [];
  let disagreements = 0;
  for (const mode of MODES) {
    const oursUnavailable = unavailable[mode.key];
    const counts = { yes: 0, no: 0, 'n/a': 0 };
    let withoutStore = 0;
    out.push(`## Comparison, ${mode.title}`, '');
    out.push(row(['file', 'reference', 'ours', 'agree', 'codes only in the reference', 'codes only in ours']));
    out.push(row(Array(6).fill('---')));
    for (const file of files) {
      const ref = reference[mode.key].get(file);
      const scan = ours[mode.key]?.get(file);
      const { agree, ours: mine, why } = compare(ref, scan, oursUnavailable);
      counts[agree] += 1;
      if (ref?.outcome === 'no_manifest' && agree === 'yes') {
        withoutStore += 1;
        continue;
      }
      const refCodes = new Set(allCodes(ref ?? {}));
      const ourCodes = new Set(mine?.status_codes ?? []);
      out.push(row([
        display(file),
        ref?.outcome === 'validated' ? verdicts(ref) : outcomeText(ref),
        mine ? verdicts(mine) : oursWithout(scan, oursUnavailable),
        why ? `${agree} (${why})` : agree,
        mine ? [...refCodes].filter((c) => !ourCodes.has(c)).join(', ') : '',
        mine ? [...ourCodes].filter((c) => !refCodes.has(c)).join(', ') : '',
      ]));
    }
    out.push('', `Summary, ${mode.title}: ${counts.yes} agree (${withoutStore} of them files without a store `
      + `on both sides, not listed), ${counts.no} disagree, ${counts['n/a']} the reference cannot check.`, '');
    if (oursUnavailable) out.push(`Our side is unavailable (${mode.title}): ${oursUnavailable}`, '');
    disagreements += counts.no;
  }
  out.push(`${disagreements} disagreements`);
  return { lines: out, disagreements };
}

const options = parseArguments(process.argv.slice(2));
const reference = {
  none: readLines(options['reference-none'], 'the reference'),
  anchors: readLines(options['reference-anchors'], 'the reference'),
};
const files = [...reference.anchors.keys()];
const display = (file) => relative(options.corpus, file);
const version = referenceVersion();
const validationDay = [...reference.anchors.values()].find((r) => r.validation_time)?.validation_time?.slice(0, 10)
  ?? new Date().toISOString().slice(0, 10);
const header = [
  '# C2PA validation: the reference implementation on the corpus', '',
  '<!-- Generated by scripts/crosscheck-c2pa --write-doc; edit the script, not this file. -->', '',
  `Reference: c2pa-rs as \`@contentauth/c2pa-wasm\` ${version} under Node ${process.versions.node}, offline `
    + `(no remote manifests, no OCSP), validated on ${validationDay}: certificate expiry is judged at that day `
    + 'unless a trusted time-stamp dates the signature.', '',
  'How the reference is asked: `WasmReader.fromBytes(extension, bytes, settings)` with the c2pa-rs settings '
    + '`{"trust": {"trust_anchors": PEM}, "verify": {"verify_trust": true, "remote_manifest_fetch": false, '
    + '"ocsp_fetch": false}}` (no `trust_anchors` for the run without anchors; `--trustConfig=CFG` adds '
    + '`trust.trust_config`, the accepted extended key usages; `c2pa-test-store.cfg` changes no verdict on this '
    + 'corpus). Any network fetch is refused.', '',
  'Verdicts from the active manifest\'s status codes: **signature** `invalid` when a `claimSignature.*` or '
    + '`signingCredential.*` code other than `signingCredential.untrusted` is a failure, `valid` on '
    + '`claimSignature.validated`; **binding** `mismatch` on a failing `assertion.dataHash|boxesHash|bmffHash|'
    + 'collectionHash.*` code, `match` on their `.match`, `none` on `claim.hardBindings.missing`; **trust** from '
    + '`signingCredential.trusted|untrusted`; otherwise `not_checked`. An ingredient has failed when its recorded '
    + 'validation results or the reference\'s re-validation of its manifest (`ingredientDeltas`) hold a failure '
    + 'code other than `signingCredential.untrusted`. The reference accepts some time-stamp authorities without '
    + 'any configured anchor (`timeStamp.trusted`, "legacy timestamp cert trusted"): it checks no time-stamp '
    + 'authority for a version 1 claim (`c2pa.claim`), and for a version 2 claim (`c2pa.claim.v2`) uses a stamp '
    + 'only when its authority chains to an anchor. The audit follows the same rule (C2PA, "Time-stamps"), so an '
    + 'expired signer of a version 2 claim stamped by an untrusted authority is invalid on both sides. For an '
    + 'update manifest both check the hard binding of the manifest it updates, its data hash excluding the '
    + 'manifest store where it now is.', '',
  'Run it: `scripts/crosscheck-c2pa --reference-only` (the reference alone), `scripts/crosscheck-c2pa` '
    + '(the reference against `scripts/scan --trustAnchors=…`), `--write-doc` to refresh this file. It needs '
    + 'Node 20 and the npm registry (the first run installs the pinned package with `npm ci` into '
    + '`tools/c2pa-reference/node_modules`); it is not part of CI. `node --test` in `tools/c2pa-reference` checks '
    + 'the reading of the verdicts on real corpus files.', '',
];
const refLines = referenceSection(files, reference, display, display(options.anchors));
let comparison = null;
const ours = {};
const unavailable = {};
for (const mode of MODES) {
  if (options[`ours-${mode.key}`] !== undefined) ours[mode.key] = readLines(options[`ours-${mode.key}`], 'scripts/scan');
  unavailable[mode.key] = options[`ours-${mode.key}-unavailable`];
}
if (MODES.some((mode) => ours[mode.key] || unavailable[mode.key] !== undefined)) {
  comparison = comparisonSection(files, reference, ours, unavailable, display);
}
const printed = comparison ? comparison.lines : refLines;
process.stdout.write(`${printed.join('\n')}\n`);
if (options['write-doc']) {
  const doc = [...header, ...refLines, ...(comparison ? ['', ...comparison.lines] : [])];
  writeFileSync(options['write-doc'], `${doc.join('\n')}\n`);
  process.stderr.write(`crosscheck: wrote ${options['write-doc']}\n`);
}
