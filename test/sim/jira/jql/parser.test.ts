import { JqlSyntaxError } from '../../../../sim/jira/jql/errors';
import { parseJql, type JqlExpression } from '../../../../sim/jira/jql/parser';

/** A compact rendering of the tree: `(and a=1 (or b=2 c=3))`. */
function show(expression: JqlExpression | undefined): string {
  if (!expression) return '';
  switch (expression.type) {
    case 'and':
    case 'or':
      return `(${expression.type} ${expression.operands.map(show).join(' ')})`;
    case 'not':
      return `(not ${show(expression.operand)})`;
    case 'clause': {
      const { operand } = expression;
      const value = operand.type === 'empty' ? 'EMPTY' : operand.type === 'list' ? `(${operand.values.map((v) => v.text).join(',')})` : operand.value.text;
      return `${expression.field.name}${expression.operator}${value}`;
    }
  }
}

describe('parseJql', () => {
  it('binds AND tighter than OR', () => {
    expect(show(parseJql('a = 1 OR b = 2 AND c = 3').where)).toBe('(or a=1 (and b=2 c=3))');
  });

  it('honours parentheses and NOT, case-insensitively', () => {
    expect(show(parseJql('not (a = 1 or b = 2) and c ~ "x y"').where)).toBe('(and (not (or a=1 b=2)) c~x y)');
  });

  it('reads IN, NOT IN, IS [NOT] EMPTY and = EMPTY', () => {
    expect(show(parseJql('project in (PAY, "OPS") AND labels not in (a) AND x is empty AND y IS NOT NULL AND z = EMPTY').where)).toBe(
      '(and projectin(PAY,OPS) labelsnot in(a) xisEMPTY yis notEMPTY zisEMPTY)',
    );
  });

  it('reads quoted field names, cf[id] and all comparison operators', () => {
    const where = show(parseJql('"Integration patterns" = webhook_issues AND cf[10041] >= 7 AND n != 1 AND n < 2 AND n <= 3 AND n > 4 AND s !~ word').where);
    expect(where).toBe('(and Integration patterns=webhook_issues cf[10041]>=7 n!=1 n<2 n<=3 n>4 s!~word)');
  });

  it('reads ORDER BY with several fields and directions, with or without a restriction', () => {
    expect(parseJql('project = PAY ORDER BY updated DESC, key').orderBy.map((s) => `${s.field.name} ${s.direction}`)).toEqual(['updated desc', 'key asc']);
    expect(parseJql('order by created').where).toBeUndefined();
    expect(parseJql('').where).toBeUndefined();
  });

  it('keeps escaped quotes inside strings', () => {
    const where = parseJql('summary ~ "say \\"hi\\""').where;
    expect(where?.type === 'clause' && where.operand.type === 'value' && where.operand.value.text).toBe('say "hi"');
  });

  it.each([
    ['project = PAY AND (labels = a', "Error in the JQL Query: Expecting ')' before the end of the query."],
    ['project PAY', "Error in the JQL Query: Expecting operator but got 'PAY'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 9)"],
    ['labels = OR', "Error in the JQL Query: Expecting either a value, list or function but got 'OR'. You must surround 'OR' in quotation marks to use it as a value. (line 1, character 10)"],
    ['summary ~ "open', "Error in the JQL Query: The quoted string 'open' has not been completed. (line 1, character 11)"],
    ['labels = a labels = b', "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'labels'. (line 1, character 12)"],
    ['labels is a', "Error in the JQL Query: Expecting 'EMPTY' or 'NULL' but got 'a'. (line 1, character 11)"],
    ['labels in a', "Error in the JQL Query: Expecting '(' but got 'a'. (line 1, character 11)"],
    ['project = PAY AND', 'Error in the JQL Query: Expecting a field name at the end of the query.'],
  ])('rejects %s with Jira wording', (jql, message) => {
    expect(() => parseJql(jql)).toThrow(JqlSyntaxError);
    expect(() => parseJql(jql)).toThrow(message);
  });
});
