import { PAGE_SKELETONS, skeletonHtml, skeletonLineClasses } from '../../../static/src/shared/skeleton';

describe('the loading skeleton', () => {
  it('has a heading placeholder and lines of which every third is short', () => {
    expect(skeletonLineClasses(4)).toEqual(['skeleton skeleton--line', 'skeleton skeleton--line', 'skeleton skeleton--short', 'skeleton skeleton--line']);
    const html = skeletonHtml({ label: 'Loading…', lines: 3 });
    expect(html).toBe(
      '<div class="stack stack--tight" aria-busy="true" data-testid="skeleton">' +
        '<span class="visually-hidden" role="status">Loading…</span>' +
        '<span class="skeleton skeleton--heading" aria-hidden="true"></span>' +
        '<span class="skeleton skeleton--line" aria-hidden="true"></span>' +
        '<span class="skeleton skeleton--line" aria-hidden="true"></span>' +
        '<span class="skeleton skeleton--short" aria-hidden="true"></span>' +
        '</div>',
    );
  });

  it('writes its label as text', () => {
    expect(skeletonHtml({ label: '<b>"A" & B</b>', lines: 0 })).toContain('role="status">&#60;b&#62;&#34;A&#34; &#38; B&#60;/b&#62;</span>');
  });

  it('is defined for both panels', () => {
    expect(Object.keys(PAGE_SKELETONS).sort()).toEqual(['issue-panel', 'side-panel']);
  });
});
