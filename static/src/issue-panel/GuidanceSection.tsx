import type { Checklist } from '../../../src/analysis/types';

/** Environments to test in and the mock services to stand up: set-up guidance, not test cases. */
export function GuidanceSection({ environments, mockServices }: { environments: readonly Checklist[]; mockServices: readonly Checklist[] }) {
  if (environments.length === 0 && mockServices.length === 0) return null;
  return (
    <section className="section" aria-labelledby="guidance-heading">
      <h2 id="guidance-heading">Test environments and mock services</h2>
      {[...environments, ...mockServices].map((checklist) => (
        <div key={checklist.id} className="stack stack--tight" data-testid="guidance">
          <h3>{checklist.title}</h3>
          <ul className="stack stack--tight">
            {checklist.items.map((item) => (
              <li key={item} className="subtle">
                {item}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
