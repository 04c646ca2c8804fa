import { PATTERN_IDS } from '../../src/analysis/types';
import { isPatternLabel, patternLabel } from '../../src/issueSync/labels';

it('names a label per pattern from the prefix and recognises only those labels', () => {
  expect(PATTERN_IDS.map((id) => patternLabel('integration-', id))).toEqual([
    'integration-api',
    'integration-external-service',
    'integration-sync',
    'integration-webhook',
    'integration-monitoring',
  ]);
  expect(isPatternLabel('integration-', 'integration-sync')).toBe(true);
  expect(isPatternLabel('integration-', 'integration-synced')).toBe(false);
  expect(isPatternLabel('radar-', 'integration-sync')).toBe(false);
});
