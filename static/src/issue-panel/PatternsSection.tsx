import { useState } from 'react';
import type { PatternResult, ProviderMatch, StrategyName } from '../../../src/analysis/types';
import { EvidenceSnippet, Meter } from '../shared/components';
import { formatConfidence } from '../shared/format';
import { evidenceByPlace } from '../shared/snippet';

/** The detected patterns, strongest first, each with its confidence and the text that matched. */
export function PatternsSection({
  patterns,
  providers,
  strategy,
}: {
  patterns: readonly PatternResult[];
  providers: readonly ProviderMatch[];
  strategy: StrategyName;
}) {
  return (
    <section className="section" aria-labelledby="patterns-heading">
      <h2 id="patterns-heading">Detected patterns</h2>
      <ul className="stack stack--tight">
        {patterns.map((pattern) => (
          <li key={pattern.id} className="card stack stack--tight" data-testid="pattern">
            <div className="spread">
              <h3>{pattern.name}</h3>
              <span className="subtle">{formatConfidence(pattern.confidence, strategy)}</span>
            </div>
            {strategy === 'default' ? <Meter label={`${pattern.name} confidence`} value={pattern.confidence} max={1} /> : null}
            <MatchedTerms terms={[...pattern.matchedKeywords, ...pattern.matchedComponents]} />
            <EvidenceList subject={pattern.name} evidence={pattern.evidence} />
          </li>
        ))}
      </ul>
      {providers.length > 0 ? (
        <div className="card stack stack--tight">
          <h3>Providers mentioned</h3>
          <ul className="stack stack--tight">
            {providers.map((provider) => (
              <li key={provider.id} className="stack stack--tight" data-testid="provider">
                <span>
                  <strong>{provider.name}</strong> <span className="subtle">({provider.kind})</span>
                </span>
                <EvidenceList subject={provider.name} evidence={provider.evidence} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function MatchedTerms({ terms }: { terms: readonly string[] }) {
  if (terms.length === 0) return null;
  return (
    <p className="inline inline--tight" aria-label="Matched terms">
      {[...new Set(terms)].map((term) => (
        <span key={term} className="tag">
          {term}
        </span>
      ))}
    </p>
  );
}

/** The matches behind a result, folded: a card shows the count, and the snippets are rendered once opened. */
export function EvidenceList({ subject, evidence, showTerms = true }: { subject: string; evidence: PatternResult['evidence']; showTerms?: boolean }) {
  const [open, setOpen] = useState(false);
  const places = evidenceByPlace(evidence);
  if (places.length === 0) return null;
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Evidence ({places.length})<span className="visually-hidden"> for {subject}</span>
      </summary>
      {open ? (
        <ul className="stack stack--tight">
          {places.map((place) => (
            <EvidenceSnippet key={`${place.field}:${place.offset}:${place.phrase}`} evidence={place} showTerms={showTerms} />
          ))}
        </ul>
      ) : null}
    </details>
  );
}
