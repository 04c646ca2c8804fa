import { toXrayCsv, XRAY_CSV_HEADER } from '../../../src/analysis/export';
import { generateTestPlan } from '../../../src/analysis/testcases';
import { HOSTILE_TITLES, META, hostilePlan } from './fixtures';

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes, nothing else. */
function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let closedQuote = false;
  for (let i = 0; i < text.length; i += 1) {
    const character = text[i]!;
    if (quoted) {
      if (character !== '"') field += character;
      else if (text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else {
        quoted = false;
        closedQuote = true;
      }
    } else if (character === delimiter) {
      row.push(field);
      field = '';
      closedQuote = false;
    } else if (character === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      closedQuote = false;
      i += 1;
    } else if (closedQuote) {
      throw new Error(`Character after a closing quote at ${i}`);
    } else if (character === '"') {
      if (field !== '') throw new Error(`Quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (character === '\r' || character === '\n') {
      throw new Error(`Line break outside quotes at ${i}`);
    } else {
      field += character;
    }
  }
  if (quoted || field !== '' || row.length > 0) throw new Error('The last record does not end with CRLF');
  return rows;
}

describe('toXrayCsv', () => {
  const plan = hostilePlan();
  const csv = toXrayCsv(plan, META);
  const [header, ...rows] = parseCsv(csv, ';');

  it('starts with the exact header and ends every record with CRLF', () => {
    expect(csv.startsWith('Issue Id;Test type;Test Summary;Test Priority;Action;Data;Result;Labels;Component\r\n')).toBe(true);
    expect(header).toEqual([...XRAY_CSV_HEADER]);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes one Manual test per case with a distinct Issue Id 1..n', () => {
    expect(rows).toHaveLength(plan.cases.length);
    expect(rows.map((row) => row[0])).toEqual(plan.cases.map((_, index) => String(index + 1)));
    for (const row of rows) {
      expect(row).toHaveLength(XRAY_CSV_HEADER.length);
      expect(row[1]).toBe('Manual');
    }
  });

  it('round-trips every title in Result, including delimiters, quotes, line breaks and unicode', () => {
    expect(rows.map((row) => row[6])).toEqual(plan.cases.map((testCase) => testCase.title));
    for (const title of HOSTILE_TITLES) expect(rows.map((row) => row[6])).toContain(title);
  });

  it('writes the title as a one-line Test Summary, as Jira requires', () => {
    expect(rows.map((row) => row[2])).toEqual(plan.cases.map((testCase) => testCase.title.replace(/\s+/g, ' ').trim()));
    expect(rows.map((row) => row[2])).toContain('Semi;colon; separated');
    expect(rows.map((row) => row[2])).toContain('Quote "inside" the title');
    expect(rows.map((row) => row[2])).toContain('Line break and CRLF inside');
    expect(rows.map((row) => row[2])).toContain('Unicode: café — 日本語 ✓ 🚀');
  });

  it('shortens a summary to 255 characters without splitting a surrogate pair', () => {
    const long = `${'a'.repeat(253)}🚀 and more`;
    const longPlan = { ...plan, cases: [{ ...plan.cases[0]!, title: long }] };
    const [, row] = parseCsv(toXrayCsv(longPlan), ';');
    expect(row![2]).toBe(`${'a'.repeat(253)}…`);
    expect(row![6]).toBe(long);
  });

  it('maps P0 to High and P1 to Medium', () => {
    expect(rows.map((row) => row[3])).toEqual(plan.cases.map((testCase) => (testCase.priority === 'P0' ? 'High' : 'Medium')));
  });

  it('derives the step from the case: action from its group, result from its title', () => {
    const index = plan.cases.findIndex((testCase) => testCase.id === 'api_issues.authentication.4');
    expect(rows[index]!.slice(4, 7)).toEqual([
      'Run the Authentication checks in the API Integration test environment',
      '',
      'Unauthorized requests rejected with 401 status',
    ]);
    const hostile = plan.cases.findIndex((testCase) => testCase.title === 'Line\nbreak and\r\nCRLF inside');
    expect(rows[hostile]!.slice(4, 7)).toEqual(['Work through the Hostile; "Provider" checklist', '', 'Line\nbreak and\r\nCRLF inside']);
  });

  it('writes labels without spaces, separated by commas, and a component per source', () => {
    const first = rows[0]!;
    expect(first[7]).toBe('integration-radar,P0,webhook_issues,INT-42');
    expect(first[8]).toBe('Webhook Integration');
    const provider = rows[plan.cases.findIndex((testCase) => testCase.id === 'provider.sendgrid.1')]!;
    expect(provider[7]).toBe('integration-radar,P1,provider,sendgrid,INT-42');
    expect(provider[8]).toBe('SendGrid checklist');
    for (const row of rows) expect(row[7]).not.toMatch(/\s/);
  });

  it('writes only the header for an empty plan', () => {
    expect(toXrayCsv(generateTestPlan([], []))).toBe(`${XRAY_CSV_HEADER.join(';')}\r\n`);
  });
});
