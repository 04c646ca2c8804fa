import Ajv from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { adfToText } from '../../../src/analysis/text';
import { expectWellFormed, spanTexts } from './helpers';

const FIXTURES = path.join(__dirname, '../../fixtures/adf');

function fixture(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
}

function adf(doc: unknown) {
  const result = adfToText(doc, 'description');
  expectWellFormed(result);
  return result;
}

const doc = (...content: unknown[]) => ({ version: 1, type: 'doc', content });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const t = (text: string, marks?: unknown[]) => (marks === undefined ? { type: 'text', text } : { type: 'text', text, marks });

/** The ADF JSON schema shipped with @atlaskit/adf-schema (draft-04; ajv reads it once `$schema` is dropped). */
function adfValidator(stage: 'full' | 'stage-0') {
  const file = require.resolve(`@atlaskit/adf-schema/dist/json-schema/v1/${stage}.json`);
  const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  return new Ajv({ strict: false }).compile(schema);
}

describe('ADF fixtures are real ADF', () => {
  const full = adfValidator('full');
  const stage0 = adfValidator('stage-0');

  it.each(['webhook-bug-report.json', 'sync-integration-plan.json'])('%s validates against the full schema', (name) => {
    expect(full(fixture(name))).toBe(true);
  });

  it('stage0-multi-bodied-extension.json validates against the stage-0 schema', () => {
    expect(stage0(fixture('stage0-multi-bodied-extension.json'))).toBe(true);
  });

  it('the validator rejects what is not ADF', () => {
    expect(full(doc({ type: 'bogus' }))).toBe(false);
    expect(full(doc(p({ type: 'text' })))).toBe(false);
  });
});

describe('adfToText: node types', () => {
  it('reads a bug report: headings, marks, inline nodes, lists, code blocks, quotes, rules and panels', () => {
    const result = adf(fixture('webhook-bug-report.json'));
    expect(result.warnings).toEqual([]);
    expect(result.text).toBe(
      [
        'Stripe webhook retries fail',
        'Since the deploy on 2024-06-01 the payment_intent.succeeded webhook is rejected with a signature error.',
        'Reported by @Dana Reyes :warning: status In review',
        'See the Stripe docs and https://dashboard.stripe.com/webhooks, runbook: https://example.atlassian.net/wiki/spaces/OPS/pages/42/Webhooks',
        'Retries back off exponentially',
        'Endpoint returns 400',
        'first attempt',
        'second attempt',
        'com.stripe.exception.SignatureVerificationException: No signatures found matching the expected signature for payload',
        '\tat com.stripe.net.Webhook$Signature.verifyHeader(Webhook.java:127)',
        '\tat com.acme.billing.WebhookController.handle(WebhookController.java:58)',
        'const event = stripe.webhooks.constructEvent(body, sig, secret);',
        'Webhook signing secrets rotate every 90 days.',
        'Customers are charged twice when retries succeed late.',
      ].join('\n'),
    );
    expect(spanTexts(result).map(([kind, text]) => [kind, text.slice(0, 40)])).toEqual([
      ['code', 'payment_intent.succeeded'],
      ['url', 'https://dashboard.stripe.com/webhooks'],
      ['url', 'https://example.atlassian.net/wiki/space'],
      ['stacktrace', 'com.stripe.exception.SignatureVerificati'],
      ['code', 'const event = stripe.webhooks.constructE'],
    ]);
  });

  it('reads a plan: tables, tasks, decisions, expands, cards, media, placeholders, layouts and extensions', () => {
    const result = adf(fixture('sync-integration-plan.json'));
    expect(result.warnings).toEqual([]);
    expect(result.text).toBe(
      [
        'System | Sync mode',
        'Salesforce | nightly batch',
        'HubSpot | Conflict rules',
        'last write wins',
        'Map contact fields',
        'Handle duplicate records',
        'Use the Bulk API for backfills',
        'Rate limits',
        'The API allows 100 requests per 10 seconds.',
        'https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/',
        'https://status.hubspot.com/',
        'sync sequence diagram',
        'Sync flow between CRM and warehouse',
        'Logs: sync-errors.log Add the owning team',
        'Source: CRM',
        'Target: warehouse',
        'Owner: integrations team',
      ].join('\n'),
    );
    expect(result.text).not.toContain('not text');
    expect(spanTexts(result)).toEqual([
      ['url', 'https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/'],
      ['url', 'https://status.hubspot.com/'],
    ]);
  });

  it('reads multiBodiedExtension frames', () => {
    expect(adf(fixture('stage0-multi-bodied-extension.json')).text).toBe('Staging uses the sandbox endpoint\nProduction uses the live endpoint');
  });

  it('writes mentions with one @, emoji short names or characters, and smart-link names', () => {
    const result = adf(
      doc(
        p(
          t('cc'),
          { type: 'mention', attrs: { id: '1', text: 'Ana' } },
          { type: 'mention', attrs: { id: '2', text: '@Bo' } },
          t(', '),
          { type: 'emoji', attrs: { text: '🔥' } },
          { type: 'inlineCard', attrs: { data: { '@type': 'Document', name: 'Runbook', url: 'https://wiki.example.com/runbook' } } },
        ),
      ),
    );
    expect(result.text).toBe('cc @Ana @Bo, 🔥 Runbook https://wiki.example.com/runbook');
    expect(spanTexts(result)).toEqual([['url', 'https://wiki.example.com/runbook']]);
  });

  it('marks a link whose text is its URL, and keeps a link with other text as prose', () => {
    const link = (href: string) => [{ type: 'link', attrs: { href } }];
    const result = adf(doc(p(t('docs', link('https://a.example')), t(' '), t('https://b.example', link('https://b.example')))));
    expect(spanTexts(result)).toEqual([['url', 'https://b.example']]);
  });

  it('writes dates as yyyy-mm-dd (UTC) from a millisecond timestamp string or number', () => {
    expect(adf(doc(p({ type: 'date', attrs: { timestamp: '0' } }))).text).toBe('1970-01-01');
    expect(adf(doc(p({ type: 'date', attrs: { timestamp: 1582156800000 } }))).text).toBe('2020-02-20');
    const invalid = adf(doc(p({ type: 'date', attrs: { timestamp: 'yesterday' } }), p({ type: 'date', attrs: { timestamp: '99999999999999999' } })));
    expect(invalid.text).toBe('');
    expect(invalid.warnings).toEqual(['ADF date node without a valid timestamp']);
  });

  it('finds bare URLs and stack traces in paragraphs', () => {
    const result = adf(doc(p(t('Hook at https://hooks.example.com/x fails: at com.acme.Hook.send(Hook.java:12) at com.acme.Hook.run(Hook.java:5)'))));
    expect(spanTexts(result)).toEqual([
      ['url', 'https://hooks.example.com/x'],
      ['stacktrace', 'at com.acme.Hook.send(Hook.java:12) at com.acme.Hook.run(Hook.java:5)'],
    ]);
  });

  it('separates table cells with " | " and rows with line breaks, empty cells included', () => {
    const cell = (...content: unknown[]) => ({ type: 'tableCell', content });
    const row = (...cells: unknown[]) => ({ type: 'tableRow', content: cells });
    const result = adf(doc({ type: 'table', content: [row(cell(p(t('a'))), cell(p(t('b')), p(t('b2')))), row(cell(), cell(p(t('d'))))] }));
    expect(result.text).toBe('a | b\nb2\nd');
  });
});

describe('adfToText: malformed input', () => {
  it.each([null, undefined, 42, 'a string', [], true])('reads %p as empty text with a warning', (value) => {
    const result = adf(value);
    expect(result.text).toBe('');
    expect(result.warnings).toEqual(['ADF description is not an object']);
  });

  it('reads a document without content, or with content that is not an array', () => {
    const empty = adf({ type: 'doc' });
    expect([empty.text, empty.spans, empty.warnings]).toEqual(['', [], []]);
    expect(adf({ type: 'doc', content: 'oops' }).warnings).toEqual(['ADF node content is not an array']);
  });

  it('skips values that are not nodes, text without text, and nodes without a type', () => {
    const result = adf(doc(1, 'two', null, [p(t('nested array'))], p({ type: 'text' }, { type: 'text', text: 5 }, t('kept')), { content: [p(t('typeless'))] }));
    expect(result.text).toBe('kept\ntypeless');
    expect(result.warnings).toEqual(['ADF content holds a value that is not a node', 'ADF text node without text', 'ADF node without a type']);
  });

  it('walks unknown nodes and warns once per unknown type', () => {
    const result = adf(doc({ type: 'futureBlock', content: [p(t('inside'))] }, { type: 'futureBlock' }, { type: 'sparkle' }));
    expect(result.text).toBe('inside');
    expect(result.warnings).toEqual(['unknown ADF node type "futureBlock"', 'unknown ADF node type "sparkle"']);
  });

  it('reads a root that is not a doc, and tolerates wrong attribute and mark types', () => {
    const result = adf({
      type: 'paragraph',
      content: [t('x', [null, 3, { type: 'link', attrs: 'no' }, { type: 'code' }]), { type: 'mention', attrs: 'bad' }, { type: 'status', attrs: { text: 7 } }],
    });
    expect(result.text).toBe('x');
    expect(spanTexts(result)).toEqual([['code', 'x']]);
    expect(result.warnings).toEqual(['ADF root node is not of type doc']);
  });

  it('caps the number of distinct warnings', () => {
    const unknown = Array.from({ length: 50 }, (_, i) => ({ type: `t${i}` }));
    const warnings = adf(doc(...unknown)).warnings;
    expect(warnings).toHaveLength(21);
    expect(warnings[20]).toBe('further warnings omitted');
  });

  it('stops at a cycle or a node met twice', () => {
    const paragraph = p(t('once'));
    const cyclic: Record<string, unknown> = { type: 'doc', content: [paragraph, paragraph] };
    (cyclic.content as unknown[]).push(cyclic);
    const result = adf(cyclic);
    expect(result.text).toBe('once');
    expect(result.warnings).toEqual(['ADF node reached twice (shared or cyclic object)']);
  });

  it('survives an object whose getter throws', () => {
    const hostile = doc(p(t('before')), Object.defineProperty({}, 'type', { get: () => { throw new Error('boom'); } }));
    const result = adf(hostile);
    expect(result.text).toBe('before');
    expect(result.warnings).toEqual(['ADF description could not be read completely']);
  });

  it('reads 100,000 levels of nesting without recursion', () => {
    let node: Record<string, unknown> = p(t('deep webhook failure'));
    for (let depth = 0; depth < 50_000; depth++) {
      node = { type: 'bulletList', content: [{ type: 'listItem', content: [node] }] };
    }
    const result = adf(doc(node));
    expect(result.text).toBe('deep webhook failure');
    expect(result.warnings).toEqual([]);
  });
});
