import { formatCount } from '../../../static/src/shared/format';

describe('formatCount', () => {
  test.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [12345, '12,345'],
    [1234567, '1,234,567'],
    [-4321, '-4,321'],
  ])('writes %d as %s, as English number formatting does', (count, written) => {
    expect(formatCount(count)).toBe(written);
    expect(formatCount(count)).toBe(count.toLocaleString('en'));
  });
});
