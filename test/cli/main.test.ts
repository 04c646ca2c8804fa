import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';

const root = path.resolve(__dirname, '../..');

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

function tmpFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-cli-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const jsonl = [
  JSON.stringify({ key: 'MULE-1', summary: 'HTTP requester: REST API endpoint returns 503 and times out', description: 'The {{http:request}} to the partner REST API fails.' }),
  JSON.stringify({ id: 'gh:acme/shop#7', summary: 'Fix typo in footer', description: '' }),
].join('\n');

describe('integration-radar analyze', () => {
  it('prints one JSON object per ticket with the contract fields, echoing key or id', () => {
    const { code, out } = run(['analyze', tmpFile('t.jsonl', jsonl), '--json']);
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.key)).toEqual(['MULE-1', 'gh:acme/shop#7']);
    const api = lines[0].patterns.find((p: { id: string }) => p.id === 'api_issues');
    expect(api).toEqual({ id: 'api_issues', confidence: expect.any(Number), matchedKeywords: expect.arrayContaining(['REST API']), matchedComponents: expect.any(Array) });
    expect(lines[0].complexity).toEqual({ score: expect.any(Number), factors: expect.any(Array) });
    expect(lines[1].patterns).toEqual([]);
  });

  it('switches strategy with --strategy seed', () => {
    const { out } = run(['analyze', tmpFile('t.jsonl', jsonl), '--json', '--strategy', 'seed']);
    expect(JSON.parse(out.split('\n')[0]!).strategy).toBe('seed');
  });

  it('reads a Jira REST issue with an ADF description', () => {
    const issue = {
      id: '10001',
      key: 'SHOP-1',
      fields: {
        summary: 'Stripe webhook signature verification fails',
        labels: ['payments'],
        components: [{ id: '1', name: 'Checkout' }],
        description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Deliveries are retried and duplicated.' }] }] },
      },
    };
    const { code, out } = run(['analyze', tmpFile('issue.json', JSON.stringify(issue)), '--json']);
    expect(code).toBe(0);
    const line = JSON.parse(out);
    expect(line.key).toBe('SHOP-1');
    expect(line.patterns.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['webhook_issues', 'external_service_issues']));
    expect(line.providers).toEqual(['stripe']);
  });

  it('prints a readable report and exports test cases', () => {
    const file = tmpFile('t.jsonl', jsonl);
    const report = run(['analyze', file]).out;
    expect(report).toContain('MULE-1');
    expect(report).toContain('api_issues');
    expect(report).toContain('No integration patterns detected.');
    expect(run(['analyze', file, '--export', 'gherkin']).out).toContain('Feature:');
    expect(run(['analyze', file, '--export', 'xray']).out.split('\r\n')[0]).toContain('Test Summary');
    expect(run(['analyze', file, '--export', 'markdown']).out).toContain('P0');
  });

  it('names the line of malformed JSONL and exits 1', () => {
    const bad = `${JSON.stringify({ key: 'A-1', summary: 'ok' })}\n{"key": "A-2", "summary": \n`;
    const { code, err, out } = run(['analyze', tmpFile('bad.jsonl', bad), '--json']);
    expect(code).toBe(1);
    expect(err).toMatch(/line 2: invalid JSON/);
    expect(out).toBe(`${JSON.stringify(JSON.parse(run(['analyze', tmpFile('ok.jsonl', bad.split('\n')[0]!), '--json']).out))}\n`);
  });

  it('rejects wrong field types with the line and field', () => {
    const { code, err } = run(['analyze', tmpFile('bad.jsonl', '{"key": "A-1", "summary": 42}'), '--json']);
    expect(code).toBe(1);
    expect(err).toMatch(/line 1: .*summary/);
  });

  it('explains unreadable files, binary input and bad usage', () => {
    expect(run(['analyze', '/nonexistent/file.jsonl'])).toMatchObject({ code: 1, err: expect.stringMatching(/cannot read .*no such file/) });
    expect(run(['analyze', tmpFile('bin', 'ab\u0000cd')])).toMatchObject({ code: 1, err: expect.stringMatching(/binary/) });
    expect(run(['analyze', 'x', '--strategy', 'smart'])).toMatchObject({ code: 2, err: expect.stringMatching(/--strategy must be/) });
    expect(run(['frobnicate'])).toMatchObject({ code: 2 });
    expect(run(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('Usage:') });
  });
});

describe('integration-radar eval', () => {
  it('prints precision/recall/F1 for both strategies and the confusion', () => {
    const tickets = tmpFile('t.jsonl', jsonl);
    const labels = tmpFile('l.jsonl', `${JSON.stringify({ id: 'MULE-1', labels: ['api_issues'] })}\n${JSON.stringify({ id: 'gh:acme/shop#7', labels: [] })}\n`);
    const { code, out } = run(['eval', tickets, '--labels', labels]);
    expect(code).toBe(0);
    expect(out).toContain('default P');
    expect(out).toContain('seed F1');
    expect(out).toMatch(/\| api_issues\s+\|\s+1\.00 \|\s+1\.00 \|\s+1\.00 \|/);
    expect(out).toContain('TP/FP/FN/TN');
    expect(out).toContain('Firing rates over 2 tickets');
  });

  it('fails clearly when a ticket has no label or a label is unknown', () => {
    const tickets = tmpFile('t.jsonl', jsonl);
    expect(run(['eval', tickets, '--labels', tmpFile('l.jsonl', JSON.stringify({ id: 'MULE-1', labels: [] }))])).toMatchObject({ code: 1, err: expect.stringMatching(/gh:acme\/shop#7 has no labels/) });
    expect(run(['eval', tickets, '--labels', tmpFile('l.jsonl', JSON.stringify({ id: 'MULE-1', labels: ['ftp_issues'] }))])).toMatchObject({ code: 1, err: expect.stringMatching(/line 1: invalid label line/) });
  });
});

describe('the installed command', () => {
  it('npm run --silent analyze -- FILE --json prints only JSON lines; stdin plain text works', () => {
    const file = tmpFile('t.jsonl', jsonl);
    const out = execFileSync('npm', ['run', '--silent', 'analyze', '--', file, '--json'], { cwd: root, encoding: 'utf8' });
    const lines = out.split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();

    const piped = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'analyze', '--json'], { cwd: root, encoding: 'utf8', input: 'Webhook deliveries fail\nThe Slack webhook returns 500 and retries pile up.' });
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout).patterns.map((p: { id: string }) => p.id)).toContain('webhook_issues');
  });
});
