import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { JiraSnapshot } from '../sim/jira/snapshot';

/**
 * The sandbox's state on disk (default `.sandbox-data/state.json`, git-ignored): the simulator's
 * projects and issues, the app's Key-Value Store (its configuration and cached field ids) and the
 * keys of imported tickets. Written atomically (a temporary file in the same folder, then a
 * rename), so a crash mid-write leaves the previous state. A file that cannot be read stops the
 * start with a message rather than being overwritten.
 */
export interface SandboxData {
  jira: JiraSnapshot;
  kvs: Record<string, unknown>;
  /** Key in the imported file → key in the sandbox. */
  importedKeys: Record<string, string>;
}

const FORMAT_VERSION = 1;

const DataFileSchema = z.object({
  version: z.literal(FORMAT_VERSION),
  jira: z.object({
    projects: z.array(z.looseObject({ key: z.string() })),
    issues: z.array(z.looseObject({ key: z.string(), project: z.string(), summary: z.string() })),
  }),
  kvs: z.record(z.string(), z.unknown()),
  importedKeys: z.record(z.string(), z.string()),
});

export class DataFileError extends Error {
  constructor(path: string, problem: string) {
    super(`cannot read the sandbox data file ${path}: ${problem}. Fix or move the file, or start over with --reset.`);
    this.name = 'DataFileError';
  }
}

export function readDataFile(path: string): SandboxData | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataFileError(path, (error as Error).message);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(path, `invalid JSON (${(error as Error).message})`);
  }
  const parsed = DataFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new DataFileError(path, parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).slice(0, 3).join('; '));
  }
  const { jira, kvs, importedKeys } = parsed.data;
  return { jira: jira as unknown as JiraSnapshot, kvs, importedKeys };
}

export function writeDataFile(path: string, data: SandboxData): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ version: FORMAT_VERSION, ...data }));
  renameSync(temporary, path);
}

export function removeDataFile(path: string): void {
  rmSync(path, { force: true });
}
