import { JqlSyntaxError } from './errors';

/**
 * Tokens of the JQL subset the simulator understands. Words are unquoted runs (field names,
 * values, keywords, `cf[10042]`, `-30d`); strings are single- or double-quoted with `\` escapes.
 * Syntax reference: https://support.atlassian.com/jira-software-cloud/docs/use-advanced-search-with-jira-query-language-jql/
 */
export type Token =
  | { type: 'word'; text: string; position: number }
  | { type: 'string'; text: string; position: number }
  | { type: 'operator'; text: ComparisonOperator; position: number }
  | { type: 'lparen' | 'rparen' | 'comma' | 'end'; text: string; position: number };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~';

const OPERATORS: readonly ComparisonOperator[] = ['!=', '<=', '>=', '!~', '=', '<', '>', '~'];
const WORD_STOP = /[\s()=!<>~,"']/;

export function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const char = jql.charAt(i);
    if (/\s/.test(char)) {
      i += 1;
      continue;
    }
    const position = i + 1;
    if (char === '(' || char === ')' || char === ',') {
      tokens.push({ type: char === '(' ? 'lparen' : char === ')' ? 'rparen' : 'comma', text: char, position });
      i += 1;
      continue;
    }
    const operator = OPERATORS.find((op) => jql.startsWith(op, i));
    if (operator) {
      tokens.push({ type: 'operator', text: operator, position });
      i += operator.length;
      continue;
    }
    if (char === '"' || char === "'") {
      const { text, end } = readQuoted(jql, i);
      tokens.push({ type: 'string', text, position });
      i = end;
      continue;
    }
    if (char === '!') throw new JqlSyntaxError(`Expecting '!=' or '!~' but got '!'.`, position);
    let end = i;
    while (end < jql.length && !WORD_STOP.test(jql.charAt(end))) end += 1;
    tokens.push({ type: 'word', text: jql.slice(i, end), position });
    i = end;
  }
  tokens.push({ type: 'end', text: '', position: jql.length + 1 });
  return tokens;
}

function readQuoted(jql: string, start: number): { text: string; end: number } {
  const quote = jql.charAt(start);
  let text = '';
  for (let i = start + 1; i < jql.length; i++) {
    const char = jql.charAt(i);
    if (char === '\\' && i + 1 < jql.length) {
      text += jql.charAt(i + 1);
      i += 1;
    } else if (char === quote) {
      return { text, end: i + 1 };
    } else {
      text += char;
    }
  }
  throw new JqlSyntaxError(`The quoted string '${text}' has not been completed.`, start + 1);
}
