import { useDeferredValue, useMemo, useState } from 'react';
import type { PatternResult, Priority, TestCase } from '../../../src/analysis/types';
import { Lozenge } from '../shared/components';
import { filterCases, groupCases, NO_FILTER, NO_PATTERN, PRIORITIES, SOURCE_LABELS, type CaseFilter } from '../shared/testCases';

const PRIORITY_NAMES: Readonly<Record<Priority, string>> = { P0: 'Must test', P1: 'Should test' };

/** The generated test cases, P0 first, grouped by pattern and category, with filters and search. */
export function TestCasesSection({ cases, patterns }: { cases: readonly TestCase[]; patterns: readonly PatternResult[] }) {
  const [filter, setFilter] = useState<CaseFilter>(NO_FILTER);
  const query = useDeferredValue(filter.query);
  const shown = useMemo(() => filterCases(cases, { ...filter, query }), [cases, filter, query]);
  const groups = useMemo(() => groupCases(shown, patterns), [shown, patterns]);
  const hasUnpatterned = cases.some((testCase) => testCase.pattern === null);

  return (
    <section className="section" aria-labelledby="cases-heading">
      <div className="spread">
        <h2 id="cases-heading">Test cases</h2>
        <span className="subtle" role="status" data-testid="case-count">
          {shown.length === cases.length ? `${cases.length} cases` : `Showing ${shown.length} of ${cases.length} cases`}
        </span>
      </div>
      <div className="inline" role="search" aria-label="Filter test cases">
        <div className="segmented" role="group" aria-label="Priority">
          {(['all', ...PRIORITIES] as const).map((priority) => (
            <button
              key={priority}
              type="button"
              className="button"
              aria-pressed={filter.priority === priority}
              onClick={() => setFilter({ ...filter, priority })}
            >
              {priority === 'all' ? 'All priorities' : priority}
            </button>
          ))}
        </div>
        <label className="visually-hidden" htmlFor="pattern-filter">
          Pattern
        </label>
        <select
          id="pattern-filter"
          className="select select--auto"
          value={filter.pattern}
          onChange={(event) => setFilter({ ...filter, pattern: event.target.value as CaseFilter['pattern'] })}
        >
          <option value="all">All patterns</option>
          {patterns.map((pattern) => (
            <option key={pattern.id} value={pattern.id}>
              {pattern.name}
            </option>
          ))}
          {hasUnpatterned ? <option value={NO_PATTERN}>Provider checklists</option> : null}
        </select>
        <label className="visually-hidden" htmlFor="case-search">
          Search test cases
        </label>
        <input
          id="case-search"
          className="input input--grow"
          type="search"
          placeholder="Search test cases"
          value={filter.query}
          onChange={(event) => setFilter({ ...filter, query: event.target.value })}
        />
      </div>
      {groups.length === 0 ? (
        <p className="subtle">No test case matches these filters.</p>
      ) : (
        <div className="stack" data-testid="case-list">
          {groups.map((group) => (
            <section key={group.priority} className="stack stack--tight" aria-labelledby={`priority-${group.priority}`}>
              <h3 id={`priority-${group.priority}`} className="inline inline--tight">
                <Lozenge appearance={group.priority === 'P0' ? 'removed' : 'default'}>{group.priority}</Lozenge>
                {PRIORITY_NAMES[group.priority]} ({group.count})
              </h3>
              {group.sections.map((section, index) => (
                <div key={`${section.heading}:${index}`} className="card stack stack--tight">
                  <h4>{section.heading}</h4>
                  <ul className="stack stack--tight">
                    {section.cases.map((testCase) => (
                      <CaseRow key={testCase.id} testCase={testCase} />
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}

/** One case, in as few elements as it takes: a plan can have a hundred and more, all rendered at once. */
function CaseRow({ testCase }: { testCase: TestCase }) {
  return (
    <li className="case-row" data-testid="test-case" data-priority={testCase.priority}>
      <span className="case-row__title">{testCase.title}</span>
      {testCase.source === 'pattern' ? null : <span className="tag">{SOURCE_LABELS[testCase.source]}</span>}
      <code>{testCase.id}</code>
    </li>
  );
}
