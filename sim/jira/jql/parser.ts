import { JqlSyntaxError } from './errors';
import { tokenize, type ComparisonOperator, type Token } from './lexer';

/**
 * Parser for the JQL subset the simulator evaluates:
 *
 *   query    := [or] [ORDER BY sort (, sort)*]
 *   or       := and (OR and)*
 *   and      := unary (AND unary)*
 *   unary    := NOT unary | '(' or ')' | clause
 *   clause   := field op value | field [NOT] IN '(' value (, value)* ')' | field IS [NOT] (EMPTY|NULL)
 *   sort     := field [ASC|DESC]
 *
 * Keywords are case-insensitive; field names are words (`labels`, `cf[10042]`) or quoted
 * strings (`"Integration patterns"`).
 */

export type JqlOperator = ComparisonOperator | 'in' | 'not in' | 'is' | 'is not';

export interface JqlFieldRef {
  name: string;
  position: number;
}

export interface JqlValue {
  text: string;
  quoted: boolean;
  position: number;
}

export type JqlOperand = { type: 'value'; value: JqlValue } | { type: 'list'; values: JqlValue[] } | { type: 'empty' };

export interface JqlClause {
  type: 'clause';
  field: JqlFieldRef;
  operator: JqlOperator;
  operand: JqlOperand;
}

export type JqlExpression =
  | JqlClause
  | { type: 'and'; operands: JqlExpression[] }
  | { type: 'or'; operands: JqlExpression[] }
  | { type: 'not'; operand: JqlExpression };

export interface JqlSort {
  field: JqlFieldRef;
  direction: 'asc' | 'desc';
}

export interface JqlQuery {
  where?: JqlExpression;
  orderBy: JqlSort[];
}

const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by', 'asc', 'desc']);
const VALID_OPERATORS = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

export function parseJql(jql: string): JqlQuery {
  return new Parser(tokenize(jql)).parseQuery();
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parseQuery(): JqlQuery {
    const where = this.isKeyword('order') || this.peek().type === 'end' ? undefined : this.parseOr();
    const orderBy = this.isKeyword('order') ? this.parseOrderBy() : [];
    const rest = this.peek();
    if (rest.type !== 'end') {
      throw new JqlSyntaxError(`Expecting either 'OR' or 'AND' but got '${rest.text}'.`, rest.position);
    }
    return { ...(where ? { where } : {}), orderBy };
  }

  private parseOr(): JqlExpression {
    const operands = [this.parseAnd()];
    while (this.acceptKeyword('or')) operands.push(this.parseAnd());
    return operands.length === 1 ? (operands[0] as JqlExpression) : { type: 'or', operands };
  }

  private parseAnd(): JqlExpression {
    const operands = [this.parseUnary()];
    while (this.acceptKeyword('and')) operands.push(this.parseUnary());
    return operands.length === 1 ? (operands[0] as JqlExpression) : { type: 'and', operands };
  }

  private parseUnary(): JqlExpression {
    if (this.acceptKeyword('not')) return { type: 'not', operand: this.parseUnary() };
    if (this.peek().type === 'lparen') {
      this.next();
      const inner = this.parseOr();
      this.expectCloseParen();
      return inner;
    }
    return this.parseClause();
  }

  private parseClause(): JqlClause {
    const field = this.parseField();
    const token = this.peek();
    if (token.type === 'operator') {
      this.next();
      // `field = EMPTY` and `field != EMPTY` are the same as IS [NOT] EMPTY.
      if ((token.text === '=' || token.text === '!=') && (this.acceptKeyword('empty') || this.acceptKeyword('null'))) {
        return { type: 'clause', field, operator: token.text === '=' ? 'is' : 'is not', operand: { type: 'empty' } };
      }
      return { type: 'clause', field, operator: token.text, operand: { type: 'value', value: this.parseValue() } };
    }
    if (this.acceptKeyword('in')) return { type: 'clause', field, operator: 'in', operand: this.parseList() };
    if (this.isKeyword('not') && this.isKeyword('in', 1)) {
      this.next();
      this.next();
      return { type: 'clause', field, operator: 'not in', operand: this.parseList() };
    }
    if (this.acceptKeyword('is')) {
      const negated = this.acceptKeyword('not');
      if (!this.acceptKeyword('empty') && !this.acceptKeyword('null')) {
        const got = this.peek();
        throw new JqlSyntaxError(`Expecting 'EMPTY' or 'NULL' but got '${got.text}'.`, got.position);
      }
      return { type: 'clause', field, operator: negated ? 'is not' : 'is', operand: { type: 'empty' } };
    }
    if (token.type === 'end') throw new JqlSyntaxError('Expecting operator before the end of the query. ' + VALID_OPERATORS);
    throw new JqlSyntaxError(`Expecting operator but got '${token.text}'. ${VALID_OPERATORS}`, token.position);
  }

  private parseField(): JqlFieldRef {
    const token = this.next();
    if (token.type === 'string' || (token.type === 'word' && !RESERVED.has(token.text.toLowerCase()))) {
      return { name: token.text, position: token.position };
    }
    if (token.type === 'end') throw new JqlSyntaxError('Expecting a field name at the end of the query.');
    throw new JqlSyntaxError(`Expecting a field name but got '${token.text}'. You must surround '${token.text}' in quotation marks to use it as a field name.`, token.position);
  }

  private parseValue(): JqlValue {
    const token = this.next();
    if (token.type === 'string') return { text: token.text, quoted: true, position: token.position };
    if (token.type === 'word' && !RESERVED.has(token.text.toLowerCase())) {
      return { text: token.text, quoted: false, position: token.position };
    }
    if (token.type === 'end') throw new JqlSyntaxError('Expecting either a value, list or function before the end of the query.');
    throw new JqlSyntaxError(
      `Expecting either a value, list or function but got '${token.text}'. You must surround '${token.text}' in quotation marks to use it as a value.`,
      token.position,
    );
  }

  private parseList(): JqlOperand {
    const open = this.next();
    if (open.type !== 'lparen') throw new JqlSyntaxError(`Expecting '(' but got '${open.text}'.`, open.position);
    const values = [this.parseValue()];
    while (this.peek().type === 'comma') {
      this.next();
      values.push(this.parseValue());
    }
    this.expectCloseParen();
    return { type: 'list', values };
  }

  private parseOrderBy(): JqlSort[] {
    this.next();
    if (!this.acceptKeyword('by')) {
      const got = this.peek();
      throw new JqlSyntaxError(`Expecting 'by' but got '${got.text}'.`, got.position);
    }
    const sorts = [this.parseSort()];
    while (this.peek().type === 'comma') {
      this.next();
      sorts.push(this.parseSort());
    }
    return sorts;
  }

  private parseSort(): JqlSort {
    const field = this.parseField();
    if (this.acceptKeyword('desc')) return { field, direction: 'desc' };
    this.acceptKeyword('asc');
    return { field, direction: 'asc' };
  }

  private expectCloseParen(): void {
    const token = this.next();
    if (token.type === 'rparen') return;
    if (token.type === 'end') throw new JqlSyntaxError("Expecting ')' before the end of the query.");
    throw new JqlSyntaxError(`Expecting ')' but got '${token.text}'.`, token.position);
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index += 1;
    return token;
  }

  private isKeyword(keyword: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === 'word' && token.text.toLowerCase() === keyword;
  }

  private acceptKeyword(keyword: string): boolean {
    if (!this.isKeyword(keyword)) return false;
    this.next();
    return true;
  }
}
