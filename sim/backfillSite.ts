import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdfDocument, IssueSeed, ProjectSeed } from './jira/model';

/**
 * A large Jira site for backfill tests and benchmarks: `count` issues spread over five projects,
 * each a variation of one of the 40 sample tickets (samples/tickets.jsonl: summary, a random
 * selection of its description's lines as ADF paragraphs, its components where the project has
 * them, its labels), from a seeded generator so every run builds the same site. OPS has no Labels
 * field on its edit screen, as some real projects do.
 */
export const SITE_PROJECTS: readonly ProjectSeed[] = [
  { key: 'SHOP', name: 'Shop' },
  { key: 'DATA', name: 'Data platform' },
  { key: 'OPS', name: 'Operations', labelsOnEditScreen: false },
  { key: 'WEB', name: 'Web' },
  { key: 'MOB', name: 'Mobile' },
];

interface SampleTicket {
  project: string;
  summary: string;
  description: string;
  components?: string[];
  labels?: string[];
}

export interface SiteIssue {
  seed: IssueSeed;
  /** Index of the sample ticket it varies. */
  sample: number;
}

export function sampleTickets(): SampleTicket[] {
  const file = join(__dirname, '..', 'samples', 'tickets.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SampleTicket);
}

/** The projects with the sample tickets' components, for the simulator's seed. */
export function siteProjects(tickets: readonly SampleTicket[]): ProjectSeed[] {
  return SITE_PROJECTS.map((project) => ({
    ...project,
    components: [...new Set(tickets.filter((ticket) => ticket.project === project.key).flatMap((ticket) => ticket.components ?? []))],
  }));
}

export function siteIssues(count: number, random: () => number, tickets: readonly SampleTicket[] = sampleTickets()): SiteIssue[] {
  return Array.from({ length: count }, (_, index) => {
    const sample = index % tickets.length;
    const ticket = tickets[sample] as SampleTicket;
    const project = (SITE_PROJECTS[Math.floor(random() * SITE_PROJECTS.length)] as ProjectSeed).key;
    const lines = ticket.description.split('\n').filter((line) => line.trim() !== '' && random() < 0.8);
    return {
      sample,
      seed: {
        project,
        summary: ticket.summary,
        description: paragraphs(lines),
        components: project === ticket.project ? (ticket.components ?? []) : [],
        labels: [...(ticket.labels ?? [])],
      },
    };
  });
}

function paragraphs(lines: readonly string[]): AdfDocument {
  return { type: 'doc', version: 1, content: lines.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) };
}
