/**
 * Forge's offline checks of the app, run in a plain Node process (under jest's module loader the
 * TypeScript compiler and the manifest schema load several times slower). Prints one JSON object:
 * - validation: `require('@forge/manifest').validate(false, 'manifest.yml')`, the CLI's full
 *   offline validation (schema, module rules, resources and handler files exist);
 * - lint: the findings of `@forge/lint`'s client-side linters over src/, as `forge lint` runs them
 *   from the app's directory, without the PermissionLinter (it downloads Jira's OpenAPI document).
 *   @forge/lint is an optional dependency (keytar needs libsecret to build): `available: false`
 *   when it is not installed.
 * Usage: node test/support/forgeChecks.cjs <app directory>
 */
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

async function main(appDir) {
  process.chdir(appDir);
  const { validate } = require('@forge/manifest');
  const validated = await validate(false, 'manifest.yml');
  const validation = { success: validated.success, errors: validated.errors ?? [] };

  let lint;
  try {
    lint = require('@forge/lint');
  } catch {
    return { validation, lint: { available: false } };
  }
  const manifest = require('yaml').parse(require('node:fs').readFileSync('manifest.yml', 'utf8'));
  const logger = { info() {}, debug() {}, warn() {}, error() {}, trace() {} };
  // The CLI reads deprecated runtimes from a remote flag service; Node 20 is deprecated (Atlassian changelog CHANGE-3209).
  const flags = { getDeprecatedRuntimes: async () => ['nodejs18.x', 'nodejs20.x'] };
  const linters = (await lint.getClientSideLintersOnly(manifest, 'development', logger, flags)).filter((linter) => !(linter instanceof lint.PermissionLinter));
  const results = await lint.lint(sourceFiles('src'), manifest, 'development', logger, flags, { linters });
  const findings = results.flatMap((result) =>
    [...result.errors, ...result.warnings, ...result.approvals].map((finding) => `${result.file}:${finding.line}: ${finding.message}`),
  );
  return { validation, lint: { available: true, linters: linters.map((linter) => linter.constructor.name), findings } };
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

main(process.argv[2] ?? process.cwd()).then(
  (report) => process.stdout.write(JSON.stringify(report)),
  (error) => {
    process.stderr.write(String(error?.stack ?? error));
    process.exitCode = 1;
  },
);
