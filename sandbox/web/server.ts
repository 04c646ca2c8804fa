import { createReadStream, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import * as path from 'node:path';
import type { JiraSimulator } from '../../sim/jira';
import { jiraUser, JiraRequestError, type JiraIssueJson, type JiraUser } from '../../sim/jiraUser';
import { MODULE_KEYS } from '../../src/moduleKeys';
import { adfToWiki } from '../adf/adfToWiki';
import { wikiToAdf } from '../adf/wikiToAdf';
import type { ForgeApp, UiModule } from '../forgeApp';
import { designTokensCss, HOST_CSS, HOST_JS } from './assets';
import { bridgeScript, FrameRegistry, pageFile, pageHtml, pageRoot } from './frames';
import type { SafeHtml } from './html';
import { adminBody, issueFormBody, issueListBody, issueViewBody, notFoundBody, page, type IssueDetails, type IssueFormValues, type ListedIssue, type PageShell } from './pages';

/**
 * The sandbox's web server: the Jira-like pages, the Custom UI frames and their bridge. Every Jira
 * read and write goes over REST to the simulator as the signed-in user, so Jira's validation,
 * permissions and events apply exactly as they do for the app's tests; after a write the server
 * waits for the app's trigger to handle the events before it shows the issue.
 */
export interface SandboxWebOptions {
  repoRoot: string;
  sim: JiraSimulator;
  app: ForgeApp;
  user: { accountId: string; displayName: string };
  /** Called after anything may have changed Jira or the app's storage. */
  onChange: () => void;
}

const ISSUE_TYPES = ['Bug', 'Story', 'Task'];
const PAGE_SIZE = 50;
const MAX_FORM_BYTES = 4 * 1024 * 1024;
const JQL_EXAMPLES = ['"Integration patterns" = webhook_issues', '"Integration complexity" >= 7', 'labels = integration-api', 'integrationPattern = sync_issues AND project = DATA', 'text ~ "rate limit"'];
const HOST_PAGE_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createSandboxServer(options: SandboxWebOptions): Server {
  const { sim, app, user } = options;
  const person: JiraUser = jiraUser(() => sim, user.accountId);
  const frames = new FrameRegistry();
  const appIcon = readFileSync(path.join(options.repoRoot, 'static', 'icons', 'integration-radar.svg'));

  const fieldOf = (moduleKey: string) => {
    const field = sim.state.customFields.find((candidate) => candidate.moduleKey === moduleKey);
    if (!field) throw new Error(`The simulator has no field for the app's module ${moduleKey}`);
    return field;
  };
  const patternsField = fieldOf(MODULE_KEYS.patternsField);
  const complexityField = fieldOf(MODULE_KEYS.complexityField);
  const fieldNames = { patterns: patternsField.name, complexity: complexityField.name };

  const send = (response: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
    response.end(body);
  };
  const sendPage = (response: ServerResponse, status: number, shell: Omit<PageShell, 'userName'>) =>
    send(response, status, 'text/html; charset=utf-8', page({ ...shell, userName: user.displayName }), { 'Content-Security-Policy': HOST_PAGE_CSP });
  const redirect = (response: ServerResponse, location: string) => {
    response.writeHead(303, { Location: location });
    response.end();
  };
  const settled = async () => {
    await app.settle();
    options.onChange();
  };

  async function issueList(response: ServerResponse, query: URLSearchParams): Promise<void> {
    const jql = (query.get('jql') ?? '').trim();
    const effective = jql === '' ? `project in (${sim.state.projects.map((project) => project.key).join(', ')}) ORDER BY created DESC` : jql;
    const nextPageToken = query.get('page') ?? undefined;
    const body = (issues: ListedIssue[], error?: string[], nextPage?: string): SafeHtml =>
      issueListBody({ jql, issues, fieldNames, examples: JQL_EXAMPLES, ...(error ? { error } : {}), ...(nextPage ? { nextPage } : {}) });
    try {
      const result = await person.search({
        jql: effective,
        fields: ['summary', 'status', 'labels', patternsField.id, complexityField.id],
        maxResults: PAGE_SIZE,
        ...(nextPageToken ? { nextPageToken } : {}),
      });
      sendPage(response, 200, { title: 'Issues', section: 'issues', body: body(result.issues.map(listedIssue), undefined, result.nextPageToken) });
    } catch (error) {
      if (!(error instanceof JiraRequestError) || error.status !== 400) throw error;
      sendPage(response, 400, { title: 'Issues', section: 'issues', body: body([], jiraMessages(error)) });
    }
  }

  function listedIssue(issue: JiraIssueJson): ListedIssue {
    const fields = issue.fields;
    return {
      key: issue.key,
      summary: String(fields.summary ?? ''),
      status: statusOf(fields.status),
      labels: stringList(fields.labels),
      patterns: stringList(fields[patternsField.id]),
      complexity: typeof fields[complexityField.id] === 'number' ? (fields[complexityField.id] as number) : null,
    };
  }

  async function readIssue(key: string): Promise<IssueDetails> {
    let issue: JiraIssueJson;
    try {
      issue = await person.getIssue(key);
    } catch (error) {
      if (error instanceof JiraRequestError && error.status === 404) throw new HttpError(404, `Issue ${key} does not exist.`);
      throw error;
    }
    const fields = issue.fields;
    const project = fields.project as { id: string; key: string };
    return {
      id: issue.id,
      key: issue.key,
      projectId: project.id,
      projectKey: project.key,
      summary: String(fields.summary ?? ''),
      description: fields.description ?? null,
      labels: stringList(fields.labels),
      components: ((fields.components as Array<{ name: string }> | undefined) ?? []).map((component) => component.name),
      issueType: (fields.issuetype as { name: string }).name,
      status: statusOf(fields.status),
      reporter: (fields.reporter as { displayName?: string } | null)?.displayName ?? null,
      created: String(fields.created),
      updated: String(fields.updated),
      patterns: stringList(fields[patternsField.id]),
      complexity: typeof fields[complexityField.id] === 'number' ? (fields[complexityField.id] as number) : null,
    };
  }

  const frameSrc = (module: UiModule, issueKey?: string) => `/frames/${module.key}/${issueKey ? `?${new URLSearchParams({ issue: issueKey })}` : ''}`;

  async function issueView(response: ServerResponse, key: string, query: URLSearchParams): Promise<void> {
    const issue = await readIssue(key);
    const notice = query.has('created') ? `Created ${issue.key}.` : query.has('saved') ? `Saved ${issue.key}.` : query.has('unchanged') ? 'Nothing was changed.' : undefined;
    sendPage(response, 200, {
      title: `${issue.key} ${issue.summary}`,
      section: 'issues',
      body: issueViewBody({
        issue,
        fieldNames,
        panel: { module: app.modules.issuePanel, src: frameSrc(app.modules.issuePanel, issue.key) },
        sidePanel: { module: app.modules.issueContext, src: frameSrc(app.modules.issueContext, issue.key) },
        ...(notice ? { notice } : {}),
      }),
    });
  }

  const formProjects = () =>
    sim.state.projects.map((project) => ({ key: project.key, name: project.name, components: project.components.map((component) => component.name) }));

  function showForm(response: ServerResponse, status: number, mode: 'create' | 'edit', values: IssueFormValues, issueKey?: string, error?: JiraRequestError) {
    sendPage(response, status, {
      title: mode === 'create' ? 'Create issue' : `Edit ${issueKey}`,
      section: mode === 'create' ? 'create' : 'issues',
      body: issueFormBody({
        mode,
        ...(issueKey ? { issueKey } : {}),
        values,
        projects: formProjects(),
        issueTypes: ISSUE_TYPES,
        ...(error ? { errors: { fields: error.errors, messages: error.errorMessages } } : {}),
      }),
    });
  }

  async function createIssue(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const values = formValues(await readForm(request));
    const components = splitList(values.components, ',');
    const labels = splitList(values.labels, /\s+/);
    try {
      const created = await person.createIssue({
        project: { key: values.project },
        issuetype: { name: values.issueType },
        summary: values.summary,
        ...(values.description.trim() ? { description: wikiToAdf(values.description) } : {}),
        ...(components.length > 0 ? { components: components.map((name) => ({ name })) } : {}),
        ...(labels.length > 0 ? { labels } : {}),
      });
      await settled();
      redirect(response, `/browse/${created.key}?created=1`);
    } catch (error) {
      if (!(error instanceof JiraRequestError) || error.status !== 400) throw error;
      showForm(response, 400, 'create', values, undefined, error);
    }
  }

  async function editForm(response: ServerResponse, key: string): Promise<void> {
    const issue = await readIssue(key);
    showForm(response, 200, 'edit', currentValues(issue), issue.key);
  }

  function currentValues(issue: IssueDetails): IssueFormValues {
    return {
      project: issue.projectKey,
      issueType: issue.issueType,
      summary: issue.summary,
      description: adfToWiki(issue.description),
      components: issue.components.join(', '),
      labels: issue.labels.join(' '),
    };
  }

  async function editIssue(request: IncomingMessage, response: ServerResponse, key: string): Promise<void> {
    const issue = await readIssue(key);
    const before = currentValues(issue);
    const values = { ...formValues(await readForm(request)), project: before.project, issueType: before.issueType };
    const fields: Record<string, unknown> = {};
    if (values.summary !== before.summary) fields.summary = values.summary;
    // The description is sent only when its text changed: markup cannot represent every ADF node, so an untouched description is never rewritten.
    if (normalizeNewlines(values.description).trim() !== normalizeNewlines(before.description).trim()) {
      fields.description = values.description.trim() ? wikiToAdf(values.description) : null;
    }
    const components = splitList(values.components, ',');
    if (components.join('\u0000') !== issue.components.join('\u0000')) fields.components = components.map((name) => ({ name }));
    // Labels change as Jira's own editor changes them: add and remove operations, so the app's concurrent label writes survive.
    const labels = splitList(values.labels, /\s+/);
    const labelOperations = [
      ...labels.filter((label) => !issue.labels.includes(label)).map((label) => ({ add: label })),
      ...issue.labels.filter((label) => !labels.includes(label)).map((label) => ({ remove: label })),
    ];
    if (Object.keys(fields).length === 0 && labelOperations.length === 0) return redirect(response, `/browse/${issue.key}?unchanged=1`);
    try {
      await person.editIssue(issue.key, { fields, ...(labelOperations.length > 0 ? { update: { labels: labelOperations } } : {}) });
      await settled();
      redirect(response, `/browse/${issue.key}?saved=1`);
    } catch (error) {
      if (!(error instanceof JiraRequestError) || error.status !== 400) throw error;
      showForm(response, 400, 'edit', values, issue.key, error);
    }
  }

  function serveFrame(response: ServerResponse, module: UiModule, relative: string, query: URLSearchParams): void {
    const { dir } = pageRoot(options.repoRoot, module);
    const file = pageFile(dir, relative);
    if (!file) throw new HttpError(404, `The page ${module.key} has no file ${relative}.`);
    if (path.extname(file) !== '.html') {
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      createReadStream(file).pipe(response);
      return;
    }
    const issueKey = query.get('issue');
    const issue = issueKey ? sim.state.issue(issueKey) : undefined;
    if (issueKey && !issue) throw new HttpError(404, `Issue ${issueKey} does not exist.`);
    const frameId = frames.open({ module, ...(issue ? { issue: { id: issue.id, key: issue.key, projectId: issue.projectId } } : {}) });
    send(response, 200, 'text/html; charset=utf-8', pageHtml(file, frameId));
  }

  const invocationContext = (frame: { issue?: { id: string; key: string; projectId: string } }) => ({
    accountId: user.accountId,
    ...(frame.issue ? { issue: { id: frame.issue.id, key: frame.issue.key }, projectId: frame.issue.projectId } : {}),
  });

  async function bridge(request: IncomingMessage, response: ServerResponse, frameId: string, action: string): Promise<void> {
    const frame = frames.get(frameId);
    if (!frame) {
      send(response, 410, 'application/json', JSON.stringify({ message: 'This page is out of date: reload it.' }));
      return;
    }
    if (action === 'bridge.js' && request.method === 'GET') {
      send(response, 200, 'text/javascript; charset=utf-8', bridgeScript(frameId, app.context(frame.module, invocationContext(frame))));
      return;
    }
    if (action !== 'invoke' || request.method !== 'POST') throw new HttpError(404, 'No such bridge call.');
    const call = JSON.parse(await readBody(request, MAX_FORM_BYTES)) as { functionKey?: unknown; payload?: unknown };
    if (typeof call.functionKey !== 'string') throw new HttpError(400, 'functionKey is required.');
    try {
      const result = await app.invoke(frame.module, call.functionKey, call.payload ?? {}, invocationContext(frame));
      send(response, 200, 'application/json', JSON.stringify({ result }));
    } catch (error) {
      // As Forge answers a failed invocation: the page's invoke() rejects.
      send(response, 500, 'application/json', JSON.stringify({ message: error instanceof Error ? error.message : String(error) }));
    } finally {
      await settled();
    }
  }

  const moduleByKey = (key: string) => Object.values(app.modules).find((module) => module.key === key);

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const { pathname, searchParams } = url;
    const method = request.method ?? 'GET';
    // Another site open in the same browser must not be able to post forms or invoke resolvers here.
    const origin = request.headers.origin;
    if (method === 'POST' && origin !== undefined && origin !== `http://${request.headers.host}`) throw new HttpError(403, 'Requests from other sites are refused.');
    if (method === 'GET' && pathname === '/') return redirect(response, '/issues');
    if (method === 'GET' && pathname === '/issues') return issueList(response, searchParams);
    if (pathname === '/create') {
      if (method === 'POST') return createIssue(request, response);
      return showForm(response, 200, 'create', { project: sim.state.projects[0]?.key ?? '', issueType: 'Task', summary: '', description: '', components: '', labels: '' });
    }
    const browse = /^\/browse\/([A-Za-z][A-Za-z0-9_]*-\d+)(\/edit)?$/.exec(pathname);
    if (browse) {
      const key = (browse[1] as string).toUpperCase();
      if (browse[2] && method === 'POST') return editIssue(request, response, key);
      if (browse[2]) return editForm(response, key);
      return issueView(response, key, searchParams);
    }
    if (method === 'GET' && pathname === '/admin') {
      const module = app.modules.adminPage;
      return sendPage(response, 200, { title: module.title, section: 'admin', body: adminBody(module, frameSrc(module)) });
    }
    const frame = /^\/frames\/([\w-]+)\/(.*)$/.exec(pathname);
    if (frame && method === 'GET') {
      const module = moduleByKey(frame[1] as string);
      if (!module) throw new HttpError(404, `No app module ${frame[1]}.`);
      return serveFrame(response, module, decodeURIComponent(frame[2] as string), searchParams);
    }
    const bridgeCall = /^\/__bridge\/([\w-]+)\/(invoke|bridge\.js)$/.exec(pathname);
    if (bridgeCall) return bridge(request, response, bridgeCall[1] as string, bridgeCall[2] as string);
    if (method === 'GET' && pathname === '/assets/tokens.css') return send(response, 200, 'text/css; charset=utf-8', designTokensCss());
    if (method === 'GET' && pathname === '/assets/sandbox.css') return send(response, 200, 'text/css; charset=utf-8', HOST_CSS);
    if (method === 'GET' && pathname === '/assets/sandbox.js') return send(response, 200, 'text/javascript; charset=utf-8', HOST_JS);
    if (method === 'GET' && pathname === '/assets/app-icon.svg') return send(response, 200, 'image/svg+xml', appIcon);
    if (pathname === '/favicon.ico') return void response.writeHead(204).end();
    throw new HttpError(404, `There is no page at ${pathname}.`);
  }

  return createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status === 500) console.error(`[sandbox] ${request.method} ${request.url} failed: ${message}`);
      if (request.url?.startsWith('/__bridge/') || request.url?.startsWith('/frames/')) {
        send(response, status, 'application/json', JSON.stringify({ message }));
        return;
      }
      sendPage(response, status, { title: status === 404 ? 'Not found' : 'Error', section: 'issues', body: notFoundBody(status === 404 ? message : `The sandbox could not do this: ${message}`) });
    });
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

function jiraMessages(error: JiraRequestError): string[] {
  const messages = [...error.errorMessages, ...Object.entries(error.errors).map(([field, message]) => `${field}: ${message}`)];
  return messages.length > 0 ? messages : [error.message];
}

function statusOf(value: unknown): { name: string; category: string } {
  const status = value as { name?: string; statusCategory?: { key?: string } } | undefined;
  return { name: status?.name ?? 'Unknown', category: status?.statusCategory?.key ?? 'new' };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function splitList(value: string, separator: string | RegExp): string[] {
  return [...new Set(value.split(separator).map((item) => item.trim()).filter(Boolean))];
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function formValues(form: URLSearchParams): IssueFormValues {
  const value = (name: string) => form.get(name) ?? '';
  return {
    project: value('project'),
    issueType: value('issueType') || 'Task',
    summary: value('summary'),
    description: value('description'),
    components: value('components'),
    labels: value('labels'),
  };
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(request, MAX_FORM_BYTES));
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `The form is larger than ${limit / 1024 / 1024} MB.`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
