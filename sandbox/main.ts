import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../src/cli/input';
import { ensureUiBuilt } from '../static/uiBuild';
import { DataFileError } from './dataFile';
import { parseCommandLine, UsageError, USAGE } from './options';
import { startSandbox, type Sandbox } from './sandbox';

/** `npm start`: builds the Custom UI when it is missing or stale, starts the sandbox and stops it cleanly on Ctrl-C. */
const REPO_ROOT = path.resolve(__dirname, '..');

async function main(): Promise<number> {
  let line;
  try {
    line = parseCommandLine(process.argv.slice(2), process.env, REPO_ROOT);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`npm start: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (line.help) {
    console.log(USAGE);
    return 0;
  }
  if (existsSync(path.join(REPO_ROOT, 'static', 'build.ts'))) ensureUiBuilt();

  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ port: line.port, dataDir: line.dataDir, reset: line.reset, ...(line.importFile ? { importFile: line.importFile } : {}), repoRoot: REPO_ROOT });
  } catch (error) {
    if (error instanceof DataFileError || error instanceof InputError || (error instanceof Error && /^cannot read /.test(error.message))) {
      console.error(`npm start: ${error.message}`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`npm start: port ${line.port} is in use; pick another with --port N (or PORT=N)`);
      return 1;
    }
    throw error;
  }
  const { url } = sandbox;
  console.log(
    [
      '',
      `Integration Radar sandbox running at ${url}`,
      `  Issues:          ${url}/issues`,
      `  Create an issue: ${url}/create`,
      `  App settings:    ${url}/admin`,
      `  Data file:       ${path.relative(process.cwd(), sandbox.dataFile) || sandbox.dataFile} (npm start -- --reset starts over)`,
      `  Jira simulator:  ${sandbox.sim.url}/rest/api/3/…`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        console.error('Stopping without saving.');
        process.exit(130);
      }
      stopping = true;
      console.log(`\n${signal}: saving ${sandbox.dataFile} and stopping…`);
      sandbox.close().then(
        () => resolve(0),
        (error: unknown) => {
          console.error(`npm start: could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
