/**
 * The loading skeleton, in one place for the two forms it takes: the `Skeleton` component
 * (shared/components.tsx) and the same markup written into a panel's index.html at build time
 * (static/build.ts), so it is painted before any script has loaded. No DOM here: the build reads it.
 */

/** What a page shows while it loads: the text screen readers hear and how many placeholder lines. */
export interface SkeletonShape {
  label: string;
  lines: number;
}

/** The panels' skeletons: painted from index.html first, then rendered by the page until the analysis is in. */
export const PAGE_SKELETONS = {
  'issue-panel': { label: 'Loading the integration analysis…', lines: 8 },
  'side-panel': { label: 'Loading the integration summary…', lines: 3 },
} as const satisfies Record<string, SkeletonShape>;

/** The classes of the placeholder lines: every third one short, as a paragraph ends. */
export function skeletonLineClasses(lines: number): string[] {
  return Array.from({ length: lines }, (_, index) => `skeleton ${index % 3 === 2 ? 'skeleton--short' : 'skeleton--line'}`);
}

/** The Skeleton component's markup as HTML. */
export function skeletonHtml({ label, lines }: SkeletonShape): string {
  const line = (className: string) => `<span class="${className}" aria-hidden="true"></span>`;
  return (
    `<div class="stack stack--tight" aria-busy="true" data-testid="skeleton">` +
    `<span class="visually-hidden" role="status">${escapeHtml(label)}</span>` +
    [line('skeleton skeleton--heading'), ...skeletonLineClasses(lines).map(line)].join('') +
    `</div>`
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
