import type { DescriptionFormat, ExtractedIssue, FieldName, FieldText, IssueInput, Span } from '../types';
import { adfToText } from './adf';
import { plainToText } from './plainText';
import type { TextPieces } from './pieces';
import { extraction, normalizeSpans, type Extraction } from './spans';
import { Warnings } from './warnings';
import { wikiToText } from './wikiMarkup';

/** Longest description read, in UTF-16 code units: a bound on the work per issue, far above real tickets. */
export const MAX_DESCRIPTION_CHARS = 2_000_000;

const FORMATS: readonly DescriptionFormat[] = ['adf', 'wiki', 'plain'];

/**
 * The text of an issue's fields, in FIELD_NAMES order. Input from outside (a webhook, a REST
 * response, a CLI file) may not match IssueInput's types: wrong values are skipped with a warning.
 */
export function extractIssue(issue: IssueInput): ExtractedIssue {
  const input: Record<string, unknown> = isRecord(issue) ? issue : {};
  const warnings = new Warnings();
  if (!isRecord(issue)) warnings.add('issue is not an object');
  const summary = plainToText(readSummary(input.summary, warnings), 'summary');
  const description = readDescription(input.description, input.descriptionFormat, warnings);
  const components = plainToText(readList(input.components, 'components', warnings), 'components');
  const labels = plainToText(readList(input.labels, 'labels', warnings), 'labels');
  const extractions: Array<[FieldName, Extraction]> = [
    ['summary', summary],
    ['description', description.extraction],
    ['components', components],
    ['labels', labels],
  ];
  const fields: FieldText[] = extractions.map(([field, { pieces, spans, warnings: found }]) => {
    for (const warning of found) warnings.add(warning);
    return fieldText(field, pieces, spans);
  });
  return { fields, truncatedChars: description.truncatedChars, warnings: warnings.list() };
}

function readSummary(value: unknown, warnings: Warnings): string {
  if (typeof value === 'string') return value;
  warnings.add(value === undefined || value === null ? 'summary is missing' : 'summary is not a string; ignored');
  return '';
}

/** Components and labels, one per line; labels such as `rest-api` stay as they are. */
function readList(value: unknown, field: 'components' | 'labels', warnings: Warnings): string {
  if (value === undefined || value === null) return '';
  if (!Array.isArray(value)) {
    warnings.add(`${field} is not a list; ignored`);
    return '';
  }
  const items: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') warnings.add(`${field} holds a value that is not a string; skipped`);
    else if (item !== '') items.push(item);
  }
  return items.join('\n');
}

function readDescription(value: unknown, format: unknown, warnings: Warnings): { extraction: Extraction; truncatedChars: number } {
  let declared: DescriptionFormat | undefined;
  if (FORMATS.includes(format as DescriptionFormat)) declared = format as DescriptionFormat;
  else if (format !== undefined) warnings.add('unknown descriptionFormat; format guessed from the value');

  if (typeof value === 'string') {
    if (declared === 'adf') warnings.add('description is a string, not an ADF document; read as wiki markup');
    const kept = cut(value, MAX_DESCRIPTION_CHARS);
    const extraction = declared === 'plain' ? plainToText(kept, 'description') : wikiToText(kept, 'description');
    return { extraction, truncatedChars: value.length - kept.length };
  }
  if (isRecord(value)) {
    if (declared === 'wiki' || declared === 'plain') warnings.add(`description is an ADF document, not ${declared} text; read as ADF`);
    const read = adfToText(value, 'description');
    const kept = read.pieces.head(cutLength(read.pieces, MAX_DESCRIPTION_CHARS));
    if (kept.length === read.pieces.length) return { extraction: read, truncatedChars: 0 };
    return {
      extraction: extraction(kept, normalizeSpans(read.spans, kept.length), read.warnings),
      truncatedChars: read.pieces.length - kept.length,
    };
  }
  if (value !== undefined && value !== null) warnings.add('description is neither text nor an ADF document; ignored');
  return { extraction: plainToText('', 'description'), truncatedChars: 0 };
}

/** The first `max` code units, one fewer if that would split a surrogate pair. */
function cut(text: string, max: number): string {
  return text.slice(0, cutLength(text, max));
}

function cutLength(text: string | TextPieces, max: number): number {
  if (text.length <= max) return text.length;
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

class ExtractedField implements FieldText {
  constructor(
    readonly field: FieldName,
    readonly pieces: TextPieces,
    readonly spans: Span[],
  ) {}

  get text(): string {
    return this.pieces.toString();
  }
}

function fieldText(field: FieldName, pieces: TextPieces, spans: Span[]): FieldText {
  return new ExtractedField(field, pieces, spans);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
