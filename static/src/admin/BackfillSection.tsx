/**
 * The place for analysing the issues that existed before the app was installed (the backfill,
 * planned as its own feature). Until then it says so, so admins know where it will be.
 */
export function BackfillSection() {
  return (
    <section className="card stack stack--tight" aria-labelledby="backfill-heading" data-testid="backfill-section">
      <h2 id="backfill-heading">Analyse existing issues</h2>
      <p className="subtle">
        Integration Radar analyses issues as they are created and updated. Analysing the issues that existed before it was installed is not
        available yet.
      </p>
    </section>
  );
}
