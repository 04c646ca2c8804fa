import type { ComplexityResult } from '../../../src/analysis/types';
import { Meter } from '../shared/components';
import { COMPLEXITY_MAX, complexityLevel, FACTOR_NAMES } from '../shared/complexity';
import { EvidenceList } from './PatternsSection';

const METER_TONES = { low: 'brand', medium: 'warning', high: 'danger' } as const;

/** The score, how it was reached (base plus each factor's points) and why each factor applied. */
export function ComplexitySection({ complexity }: { complexity: ComplexityResult }) {
  const uncapped = complexity.base + complexity.factors.reduce((sum, factor) => sum + factor.points, 0);
  return (
    <section className="section" aria-labelledby="complexity-heading">
      <div className="spread">
        <h2 id="complexity-heading">Integration complexity</h2>
        <span data-testid="complexity-score">
          <strong>{complexity.score}</strong>
          <span className="subtle">/{COMPLEXITY_MAX}</span>
        </span>
      </div>
      <Meter label="Integration complexity" value={complexity.score} max={COMPLEXITY_MAX} tone={METER_TONES[complexityLevel(complexity.score)]} />
      <p className="subtle">
        Base {complexity.base}
        {complexity.factors.map((factor) => ` + ${factor.points}`).join('')}
        {uncapped > COMPLEXITY_MAX ? ` = ${uncapped}, capped at ${COMPLEXITY_MAX}` : ''}
      </p>
      {complexity.factors.length > 0 ? (
        <ul className="stack stack--tight" aria-label="Complexity factors">
          {complexity.factors.map((factor) => (
            <li key={factor.id} className="stack stack--tight" data-testid="complexity-factor">
              <span>
                <strong>
                  +{factor.points} {FACTOR_NAMES[factor.id]}
                </strong>
                <span className="subtle">: {factor.reason}</span>
              </span>
              <EvidenceList subject={FACTOR_NAMES[factor.id]} evidence={factor.evidence} showTerms={false} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="subtle">No factor raised the score above the base.</p>
      )}
    </section>
  );
}
