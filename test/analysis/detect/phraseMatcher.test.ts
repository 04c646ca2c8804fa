import fc from 'fast-check';
import { PhraseMatcher, type PhraseSpec } from '../../../src/analysis/detect/phraseMatcher';
import { defaultWordScreen, detectDefault } from '../../../src/analysis/detect/defaultStrategy';
import { tokenizeField, tokenizeFields, type TokenizedField } from '../../../src/analysis/detect/tokenize';
import { DEFAULT_ANALYSIS_CONFIG } from '../../../src/analysis/analyze';
import { extractIssue } from '../../../src/analysis/text';
import { TextPieces } from '../../../src/analysis/text/pieces';
import type { FieldText, Span } from '../../../src/analysis/types';

function field(text: string, spans: Span[] = []): FieldText {
  return { field: 'description', text, pieces: TextPieces.of(text), spans };
}

/** Phrases of every shape the matcher knows: one word, several, alternatives, prefixes, context, case. */
const SPECS: PhraseSpec[] = [
  { term: 'webhook', phrases: ['webhook*', 'web hook*'] },
  { term: 'in sync', phrases: ['in sync', 'out of sync*'] },
  { term: 'rate limit', phrases: ['rate limit*', 'throttl*'] },
  { term: 'REST', phrases: ['REST'], caseSensitive: true, notAfterWords: ['the'] },
  { term: 'service', phrases: ['service'], notBeforeWords: ['pack'], notAfterWords: ['customer'] },
  { term: 'timeout', phrases: ['timeout', 'timed out', 'time out'] },
  { term: 'synchronise', phrases: ['synchroniz*'] },
];
const matcher = new PhraseMatcher(SPECS.map((spec) => ({ spec, payload: spec.term })));

const WORDS = ['in', 'sync', 'out', 'of', 'Synced', 'webhooks', 'web', 'hook', 'REST', 'rest', 'the', 'rate', 'limits', 'throttled', 'service', 'customer', 'pack',
  'timed', 'time', 'synchronisation', 'API', 'x'.repeat(70), 'y'.repeat(64), 'z'.repeat(65), 'data', '42'];
const SEPARATORS = [' ', '  ', '-', ' - ', '\n', '.  ', '/', '    '];
const ticketText = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 40 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

describe('PhraseMatcher', () => {
  it('finds phrases of every shape, with context words cancelling them', () => {
    const text = 'The webhooks are out of sync; REST calls throttled. the REST of it. customer service pack. Service timed out in  sync';
    const found = matcher.match(tokenizeField(field(text), matcher.screen)).map((m) => [m.payload, text.slice(m.start, m.end)]);
    expect(found).toEqual([
      ['webhook', 'webhooks'],
      ['in sync', 'out of sync'],
      ['REST', 'REST'],
      ['rate limit', 'throttled'],
      ['service', 'Service'],
      ['timeout', 'timed out'],
      ['in sync', 'in  sync'],
    ]);
  });

  it('finds the same phrases in words its screen kept as in every word', () => {
    fc.assert(
      fc.property(ticketText, (text) => {
        const screened = tokenizeField(field(text), matcher.screen);
        const all = tokenizeField(field(text));
        expect(screened.count).toBeLessThanOrEqual(all.count);
        expect(matcher.match(screened)).toEqual(matcher.match(all));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps few of a ticket\'s words: the screen drops words no phrase starts with', () => {
    const text = 'The nightly job writes a report to the shared drive; the webhook then posts it, and the data stays in sync.';
    const screened = tokenizeField(field(text), matcher.screen);
    expect(tokenizeField(field(text)).count).toBe(21);
    expect(Array.from({ length: screened.count }, (_, i) => text.slice(screened.starts[i], screened.ends[i]))).toEqual(['webhook', 'in']);
  });

  it('refuses words kept by another matcher\'s screen, which would miss its phrases', () => {
    const other = new PhraseMatcher([{ spec: { term: 'queue' }, payload: 'queue' }]);
    expect(() => matcher.match(tokenizeField(field('a webhook queue'), other.screen))).toThrow(/another matcher's screen/);
  });
});

describe('the default strategy on screened words', () => {
  const realText = fc
    .array(fc.constantFrom('Webhook', 'deliveries', 'to the', 'REST API', 'time out', 'in sync', 'third-party', 'SendGrid', 'rate limited', 'real time', 'security', 'legacy',
      'at com.acme.Hook.send(Hook.java:12)', '{code}curl -X POST https://x.io/hook{code}', 'http://example.com/api', 'the rest of', 'service', 'Prometheus alert', '\n', '  '), { maxLength: 30 })
    .map((parts) => parts.join(' '));

  it('detects what it detects on every word', () => {
    const config = DEFAULT_ANALYSIS_CONFIG;
    fc.assert(
      fc.property(realText, realText, (summary, description) => {
        const { fields } = extractIssue({ summary, description });
        const screened = tokenizeFields(fields, 0, defaultWordScreen(config)).fields;
        const screenedResult = detectDefault(screened, config);
        const all: TokenizedField[] = fields.map((f) => tokenizeField(f));
        expect(screenedResult).toEqual(detectDefault(all, config));
      }),
      { numRuns: 300 },
    );
  });
});
