/**
 * How a test case reads as steps, shared by the Gherkin and Xray exports so both describe a case
 * the same way. Pure wording, derived only from the case.
 */
import { patternById } from '../catalog';
import type { TestCase } from '../types';

export interface CaseSteps {
  /** Precondition, e.g. "the API Integration test environment is ready". */
  given: string;
  /** What is done, e.g. "the Authentication checks are run". */
  when: string;
  /** The same as an instruction, e.g. "Run the Authentication checks in the API Integration test environment". */
  action: string;
  /** The expected outcome: the case's title. */
  then: string;
}

export function caseSteps(testCase: TestCase): CaseSteps {
  const title = singleLine(testCase.title);
  const category = singleLine(testCase.category);
  if (testCase.source === 'pattern' && testCase.pattern) {
    const environment = `${patternById(testCase.pattern).name} test environment`;
    return {
      given: `the ${environment} is ready`,
      when: `the ${category} checks are run`,
      action: `Run the ${category} checks in the ${environment}`,
      then: title,
    };
  }
  return {
    given: 'the integration under test is configured',
    when: `the ${category} is worked through`,
    action: `Work through the ${category}`,
    then: title,
  };
}

/** Collapses line breaks and runs of whitespace, so a value fits on one line. */
export function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
