import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIMULATED_APP, type AppIdentity } from '../appIdentity';
import { principalFromHeaders, type Principal } from '../principal';
import { CallLog } from './callLog';
import { checkRequestContract, checkResponseContract, describeViolation } from './contract';
import { JiraEventBus, type JiraIssueEvent } from './events';
import { BurstLimiter, type BurstLimit } from './burstLimiter';
import { FaultInjector, faultResponse, rateLimitedResponse, type Fault } from './faults';
import { JiraHttpError, type RouteContext, type SimRequest, type SimResponse } from './http';
import { IssueWriteLimiter } from './issueWriteLimiter';
import type { CustomFieldSeed, EntityPropertyIndex, IssueSeed, ProjectSeed, UserSeed } from './model';
import { findRoute } from './routes';
import { JiraState } from './state';

/**
 * A Jira Cloud simulator: a real HTTP server on 127.0.0.1 answering the REST API v3 subset the app
 * uses, with Jira's permission rules, error shapes, events, rate limits and injectable faults.
 */
export interface JiraSimulatorOptions {
  app?: Partial<AppIdentity>;
  projects?: ProjectSeed[];
  users?: UserSeed[];
  customFields?: CustomFieldSeed[];
  /** The manifest's `jira:entityProperty` indexes: their search aliases become JQL fields. */
  entityProperties?: EntityPropertyIndex[];
  issues?: IssueSeed[];
  /** Clock for timestamps, JQL relative dates and the per-issue write limit (default Date.now). */
  now?: () => number;
  /** Randomness for fault probabilities (default Math.random). */
  random?: () => number;
  /** Check request and response bodies against jira.js's schemas (default true). */
  contract?: boolean;
  port?: number;
}

export interface JiraSimulator {
  url: string;
  port: number;
  state: JiraState;
  events: JiraEventBus;
  faults: FaultInjector;
  calls: CallLog;
  close(): Promise<void>;
}

export async function startJiraSimulator(options: JiraSimulatorOptions = {}): Promise<JiraSimulator> {
  const now = options.now ?? Date.now;
  const state = new JiraState({ ...options, app: { ...SIMULATED_APP, ...options.app }, now });
  const events = new JiraEventBus();
  const faults = new FaultInjector(options.random ?? Math.random);
  const calls = new CallLog();
  const limiter = new IssueWriteLimiter(now);
  let burst: { limit: BurstLimit; limiter: BurstLimiter } | undefined;
  const contract = options.contract ?? true;

  /** The burst limit's answer for a request, following `faults.burstLimit` as tests set and clear it. */
  function burstLimited(method: string, path: string, principal: Principal): SimResponse | undefined {
    const limit = faults.burstLimit;
    if (!limit) return undefined;
    if (burst?.limit !== limit) burst = { limit, limiter: new BurstLimiter(limit, now) };
    const refused = burst.limiter.admit(method, path, principal);
    return refused ? rateLimitedResponse(refused.retryAfterSeconds, 'jira-burst-based', now()) : undefined;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { errorMessages: [`Simulator failure: ${String(error)}`], errors: {} } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', baseUrl);
    const method = req.method ?? 'GET';
    const principal = principalFromHeaders((name) => headerValue(req, name));
    const body = parseJson(rawBody);
    const record = { method, path: url.pathname, query: url.search.replace(/^\?/, ''), principal, requestBody: body instanceof SyntaxError ? rawBody : body, at: now() };
    const picked = faults.pick(method, url.pathname, principal);
    for (const fault of picked) if (fault.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    const answering = picked.find((fault): fault is Exclude<Fault, { kind: 'delay' }> => fault.kind !== 'delay');
    if (answering?.kind === 'reset') {
      calls.add({ ...record, status: 0 });
      req.socket.destroy();
      return;
    }
    const emitted: JiraIssueEvent[] = [];
    const response = answering
      ? faultResponse(answering, now())
      : (burstLimited(method, url.pathname, principal) ?? dispatch({ method, url, rawBody, body, principal }, emitted));
    send(res, response);
    calls.add({ ...record, status: response.status });
    if (response.status < 300) emitted.forEach((event) => events.emit(event));
  }

  function dispatch(request: { method: string; url: URL; rawBody: string; body: unknown; principal: Principal }, emitted: JiraIssueEvent[]): SimResponse {
    const found = findRoute(request.method, request.url.pathname);
    if (!found) return new JiraHttpError(404, [`No Jira REST resource at ${request.url.pathname} in the simulator.`]).toResponse();
    if ('allowed' in found) return { status: 405, headers: { Allow: found.allowed.join(', ') } };
    const { body } = request;
    if (body instanceof SyntaxError) return new JiraHttpError(400, [`The request body is not valid JSON: ${body.message}`]).toResponse();
    const violation = contract ? checkRequestContract(found.route.operation, body) : undefined;
    if (violation) return new JiraHttpError(400, [describeViolation(violation)]).toResponse();
    const simRequest: SimRequest = {
      method: request.method,
      path: request.url.pathname,
      query: request.url.searchParams,
      body,
      rawBody: request.rawBody,
      principal: request.principal,
      baseUrl,
      params: found.params,
    };
    const context: RouteContext = {
      state,
      emit: (event) => {
        if (event) emitted.push(event);
      },
      recordWrites: (issues) => {
        const limited = faults.perIssueWriteLimit ? limiter.record(issues.map((issue) => issue.id)) : undefined;
        if (limited) {
          const answer = rateLimitedResponse(limited.retryAfterSeconds, 'jira-per-issue-on-write', now());
          throw new JiraHttpError(429, ['Rate limit exceeded.'], {}, answer.headers);
        }
      },
    };
    let response: SimResponse;
    try {
      response = found.route.handler(simRequest, context);
    } catch (error) {
      if (error instanceof JiraHttpError) {
        emitted.length = 0;
        return error.toResponse();
      }
      throw error;
    }
    const broken = contract && response.status < 300 ? checkResponseContract(found.route.operation, response.body) : undefined;
    if (broken) return { status: 500, body: { errorMessages: [`Simulator answer broke its contract. ${describeViolation(broken)}`], errors: {} } };
    return response;
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    port,
    state,
    events,
    faults,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(res: ServerResponse, response: SimResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.body !== undefined) headers['Content-Type'] = 'application/json;charset=UTF-8';
  res.writeHead(response.status, headers);
  res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The parsed body, undefined for an empty body, or the SyntaxError of malformed JSON. */
function parseJson(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    return error;
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
