import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { jiraModulesOf, readAppManifest } from '../sim/appManifest';
import { installForgeRuntime, type ForgeRuntimeHandle } from '../sim/forge/runtime';
import { KvsStore } from '../sim/forge/kvsStore';
import { InProcessQueue } from '../sim/forge/queue';
import { startJiraSimulator, type JiraSimulator, type ProjectSeed, type UserSeed } from '../sim/jira';
import { checkRestoredKeys, snapshotJira } from '../sim/jira/snapshot';
import { readDataFile, removeDataFile, writeDataFile, type SandboxData } from './dataFile';
import { startForgeApp, type ForgeApp } from './forgeApp';
import { parseTickets, type Ticket } from './tickets';
import { createSandboxServer } from './web/server';

/**
 * The local Jira sandbox: the Jira simulator (seeded with the repo's sample tickets, plus any
 * imported JSONL), the app's trigger and resolvers on the simulated Forge runtime, and the
 * Jira-like web UI, on 127.0.0.1. Its state survives restarts in `<dataDir>/state.json`.
 * The Forge runtime is process-wide (globals @forge/api reads), so one sandbox runs per process.
 */
export interface SandboxOptions {
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /** Start over: remove the data file and seed the samples again. */
  reset?: boolean;
  /** A JSONL of tickets to add (tickets already imported from a file with the same keys are skipped). */
  importFile?: string;
  repoRoot?: string;
  /** Progress and problems, one line each (default: console.log). */
  log?: (line: string) => void;
}

export interface Sandbox {
  url: string;
  port: number;
  dataFile: string;
  sim: JiraSimulator;
  /** Writes the state now (it is also written shortly after every change). */
  save(): void;
  close(): Promise<void>;
}

/** The signed-in user of the sandbox: a Jira administrator who may do everything in every project. */
export const SANDBOX_USER = { accountId: '712020:sandbox-admin', displayName: 'Sandbox Admin' } as const;

const SANDBOX_USERS: UserSeed[] = [
  { ...SANDBOX_USER, administer: true, projects: { '*': ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'ADMINISTER_PROJECTS'] } },
];

const SAVE_DELAY_MS = 300;
/** Created issues are handed to the trigger this many at a time, as Jira spreads a bulk import's events. */
const IMPORT_BATCH = 25;

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const repoRoot = options.repoRoot ?? path.resolve(__dirname, '..');
  const log = options.log ?? ((line: string) => console.log(line));
  const dataFile = path.join(options.dataDir, 'state.json');
  if (options.reset) removeDataFile(dataFile);
  const stored = readDataFile(dataFile);
  const importedKeys: Record<string, string> = { ...stored?.importedKeys };

  const newTickets: Ticket[] = [];
  if (!stored) newTickets.push(...readTickets(path.join(repoRoot, 'samples', 'tickets.jsonl'), log));
  if (options.importFile) newTickets.push(...readTickets(options.importFile, log));
  const toCreate = dedupe(newTickets).filter((ticket) => !ticket.sourceKey || importedKeys[ticket.sourceKey] === undefined);

  const manifest = readAppManifest(path.join(repoRoot, 'manifest.yml'));
  const { customFields, entityProperties } = jiraModulesOf(manifest);
  const sim = await startJiraSimulator({
    projects: projectsFor(stored?.jira.projects ?? [], toCreate),
    users: SANDBOX_USERS,
    customFields,
    entityProperties,
    issues: stored?.jira.issues ?? [],
  });
  if (stored) checkRestoredKeys(sim.state, stored.jira);

  const kvs = new KvsStore();
  for (const [key, value] of Object.entries(stored?.kvs ?? {})) kvs.handle('/api/v1/set', { key, value });
  // Queued events run on timers, as Forge delivers them; they live in memory only, so a restart drops what was still queued.
  const queue = new InProcessQueue({ time: 'real' });
  const runtime: ForgeRuntimeHandle = installForgeRuntime({ jiraBaseUrl: sim.url, kvs, queue });

  let saveTimer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    const data: SandboxData = { jira: snapshotJira(sim.state), kvs: kvs.snapshot(), importedKeys };
    writeDataFile(dataFile, data);
    // The simulator records every call and event for tests; a long-running sandbox needs neither.
    sim.calls.clear();
    sim.events.emitted.length = 0;
  };
  const scheduleSave = () => {
    saveTimer ??= setTimeout(save, SAVE_DELAY_MS);
  };

  const app: ForgeApp = startForgeApp(manifest, { sim, queue }, { onHandled: scheduleSave, onError: (message) => log(`[sandbox] ${message}`) });
  await createTickets(sim, app, toCreate, importedKeys, log);
  save();

  const server: Server = createSandboxServer({ repoRoot, sim, app, user: SANDBOX_USER, onChange: scheduleSave });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataFile,
    sim,
    save,
    close: () =>
      (closed ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await app.settle();
        app.stop();
        save();
        await sim.close();
        runtime.uninstall();
      })()),
  };
}

function readTickets(file: string, log: (line: string) => void): Ticket[] {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { cause: error });
  }
  const { tickets, skipped } = parseTickets(content);
  for (const reason of skipped) log(`[sandbox] ${path.basename(file)} ${reason}: skipped`);
  return tickets;
}

/** One ticket per source key: the later line wins, as a re-import would. */
function dedupe(tickets: Ticket[]): Ticket[] {
  const byKey = new Map<string, Ticket>();
  const unkeyed: Ticket[] = [];
  for (const ticket of tickets) {
    if (ticket.sourceKey) byKey.set(ticket.sourceKey, ticket);
    else unkeyed.push(ticket);
  }
  return [...byKey.values(), ...unkeyed];
}

/** The stored projects plus any project and component the new tickets need. */
function projectsFor(stored: ProjectSeed[], tickets: Ticket[]): ProjectSeed[] {
  const projects = new Map(stored.map((project) => [project.key, { ...project, components: [...(project.components ?? [])] }]));
  for (const ticket of tickets) {
    const project = projects.get(ticket.project) ?? { key: ticket.project, name: ticket.project, components: [] };
    projects.set(ticket.project, project);
    for (const component of ticket.components) {
      if (!project.components.some((existing) => existing.toLowerCase() === component.toLowerCase())) project.components.push(component);
    }
  }
  return [...projects.values()];
}

/**
 * Creates the tickets as the sandbox user would (the simulator emits a created event for each) and
 * lets the app's trigger handle them, a batch at a time.
 */
async function createTickets(sim: JiraSimulator, app: ForgeApp, tickets: Ticket[], importedKeys: Record<string, string>, log: (line: string) => void): Promise<void> {
  if (tickets.length === 0) return;
  log(`Creating ${tickets.length} issue${tickets.length === 1 ? '' : 's'}; Integration Radar analyses each one…`);
  const actor = { kind: 'user' as const, accountId: SANDBOX_USER.accountId };
  for (let start = 0; start < tickets.length; start += IMPORT_BATCH) {
    for (const ticket of tickets.slice(start, start + IMPORT_BATCH)) {
      const { issue, event } = sim.state.createIssue(
        {
          project: ticket.project,
          summary: ticket.summary,
          description: ticket.description,
          labels: ticket.labels,
          components: ticket.components,
          issueType: ticket.issueType,
        },
        actor,
      );
      if (ticket.sourceKey) importedKeys[ticket.sourceKey] = issue.key;
      sim.events.emit(event);
    }
    await app.settle();
    const done = Math.min(start + IMPORT_BATCH, tickets.length);
    if (done % 1000 < IMPORT_BATCH && done < tickets.length) log(`  ${done} of ${tickets.length}`);
  }
}
