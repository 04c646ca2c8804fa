import fc from 'fast-check';
import { makeEvidence } from '../../../src/analysis/detect/evidence';
import type { Evidence } from '../../../src/analysis/types';
import { evidenceByPlace, splitSnippet } from '../../../static/src/shared/snippet';

function evidenceIn(text: string, phrase: string, from = 0): Evidence {
  const start = text.indexOf(phrase, from);
  if (start < 0) throw new Error(`"${phrase}" is not in the text`);
  return makeEvidence('description', text, start, start + phrase.length, phrase.toLowerCase(), 'prose');
}

test('cuts the snippet at the matched phrase', () => {
  const parts = splitSnippet(evidenceIn('Stripe webhook deliveries time out', 'webhook'));
  expect(parts).toEqual({ before: 'Stripe ', match: 'webhook', after: ' deliveries time out' });
});

test('picks the occurrence the evidence points at when the phrase repeats in the snippet', () => {
  const text = 'The sync job runs nightly; the sync of orders fails; the sync of refunds works fine too';
  const second = evidenceIn(text, 'sync', text.indexOf('sync') + 1);
  const parts = splitSnippet(second);
  expect(parts.before).toBe('The sync job runs nightly; the ');
  expect(parts.match).toBe('sync');
});

test('highlights a phrase that spans a line break, as the collapsed snippet shows it', () => {
  const text = `${'x'.repeat(60)} the API\n   gateway returns 502 ${'y'.repeat(60)}`;
  const parts = splitSnippet(evidenceIn(text, 'API\n   gateway'));
  expect(parts.match).toBe('API gateway');
  expect(parts.before.startsWith('…')).toBe(true);
  expect(parts.after.endsWith('…')).toBe(true);
});

test('leaves the snippet whole when the phrase is not in it', () => {
  expect(splitSnippet({ snippet: 'nothing to see', phrase: 'webhook', offset: 0 })).toEqual({ before: 'nothing to see', match: '', after: '' });
});

test('for any text and match, the parts rebuild the snippet and the match is the phrase', () => {
  const word = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.nat(), fc.integer({ min: 1, max: 3 }), (words, startWord, length) => {
      const text = words.join(' ');
      const first = startWord % words.length;
      const phrase = words.slice(first, first + length).join(' ');
      const start = words.slice(0, first).join(' ').length + (first > 0 ? 1 : 0);
      const evidence = makeEvidence('summary', text, start, start + phrase.length, 'term', 'prose');
      const parts = splitSnippet(evidence);
      expect(parts.before + parts.match + parts.after).toBe(evidence.snippet);
      expect(parts.match).toBe(phrase);
    }),
  );
});

test('evidence at the same place is shown once, with every term that matched there', () => {
  const text = 'Calls to the REST API gateway time out';
  const keyword = evidenceIn(text, 'REST API');
  const component = { ...keyword, term: 'HTTP endpoint' };
  const elsewhere = evidenceIn(text, 'gateway');
  expect(evidenceByPlace([keyword, component, keyword, elsewhere])).toEqual([
    { ...keyword, terms: ['rest api', 'HTTP endpoint'] },
    { ...elsewhere, terms: ['gateway'] },
  ]);
});
