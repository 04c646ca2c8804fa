/**
 * JQL errors in the wording Jira Cloud uses in `errorMessages` of a 400, e.g.
 * "Error in the JQL Query: Expecting ')' before the end of the query." or
 * "Field 'foo' does not exist or you do not have permission to view it."
 */
export class JqlSyntaxError extends Error {
  constructor(detail: string, position?: number) {
    super(`Error in the JQL Query: ${detail}${position === undefined ? '' : ` (line 1, character ${position})`}`);
    this.name = 'JqlSyntaxError';
  }
}

/** Well-formed JQL that names unknown fields or values, or uses an operator a field does not support. */
export class JqlValidationError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join(' '));
    this.name = 'JqlValidationError';
  }
}
