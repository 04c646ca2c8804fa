import fc from 'fast-check';
import type { IssueUpdateDetails } from 'jira.js/dist/cloud/models/issueUpdateDetails';
import type { JQLCountRequest } from 'jira.js/dist/cloud/models/jqlCountRequest';
import type { MultipleCustomFieldValuesUpdateDetails } from 'jira.js/dist/cloud/models/multipleCustomFieldValuesUpdateDetails';
import type { SearchAndReconcileRequest } from 'jira.js/dist/cloud/models/searchAndReconcileRequest';
import { checkRequestContract, describeViolation } from '../../sim/jira/contract';
import { countBody, editIssueBody, fieldValuesBody, searchBody, type CountBody, type EditIssueBody, type FieldValuesBody, type SearchBody } from '../../src/jira/requestBodies';

/**
 * The client's request bodies against jira.js, an independent definition of Jira's API.
 * Compile time: `tsc --noEmit` fails if a body type stops being assignable to jira.js's type.
 * Run time: generated bodies pass jira.js's zod schemas, which the simulator also applies to every request.
 */
type Conforms<Contract, Body extends Contract> = Body;
type _CompileTimeContracts = [
  Conforms<MultipleCustomFieldValuesUpdateDetails, FieldValuesBody>,
  Conforms<IssueUpdateDetails, EditIssueBody>,
  Conforms<SearchAndReconcileRequest, SearchBody>,
  Conforms<JQLCountRequest, CountBody>,
];

const word = fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/);
const issueId = fc.integer({ min: 10000, max: 99_999_999 });
const fieldValue = fc.oneof(fc.array(word, { maxLength: 5 }), fc.integer({ min: 0, max: 10 }), fc.constant(null));

function expectConforms(operation: string, body: unknown): void {
  const violation = checkRequestContract(operation, body);
  if (violation) throw new Error(describeViolation(violation));
}

describe('request bodies against jira.js', () => {
  it('app field value bodies match MultipleCustomFieldValuesUpdateDetails', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ fieldId: word.map((w) => `customfield_${w.length + 10000}`), issueIds: fc.array(issueId, { minLength: 1, maxLength: 5 }), value: fieldValue }), { minLength: 1 }), (entries) => {
        expectConforms('setAppFieldValues', fieldValuesBody(entries));
      }),
    );
  });

  it('edit bodies match IssueUpdateDetails', () => {
    const property = fc.record({ key: word, value: fc.jsonValue() });
    fc.assert(
      fc.property(fc.array(word), fc.array(word), fc.array(property, { maxLength: 3 }), (addLabels, removeLabels, properties) => {
        const body = editIssueBody({ addLabels, removeLabels, properties });
        if (body) expectConforms('editIssue', body);
        else expect([...addLabels, ...removeLabels, ...properties]).toEqual([]);
      }),
    );
  });

  it('search and count bodies match SearchAndReconcileRequest and JQLCountRequest', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(word), fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }), fc.option(fc.string(), { nil: undefined }), (jql, fields, maxResults, nextPageToken) => {
        expectConforms('searchJqlPost', searchBody({ jql, fields, ...(maxResults ? { maxResults } : {}), ...(nextPageToken ? { nextPageToken } : {}) }));
        expectConforms('approximateCount', countBody(jql));
      }),
    );
  });

  it('catches a body that breaks the contract, naming it', () => {
    const violation = checkRequestContract('setAppFieldValues', { updates: [{ customField: 'customfield_10040', issueIds: ['10000'], value: ['api_issues'] }] });
    expect(violation?.contract).toBe('jira.js MultipleCustomFieldValuesUpdateDetailsSchema');
    expect(violation?.problems).toEqual([expect.stringMatching(/^updates\.0\.issueIds\.0: /)]);
    expect(checkRequestContract('editIssue', { properties: { key: 'x' } })?.contract).toBe('jira.js IssueUpdateDetailsSchema');
  });
});
