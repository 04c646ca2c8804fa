export type { ExportMeta } from './meta';
export { toMarkdown } from './markdown';
export { toGherkin } from './gherkin';
export { toXrayCsv, XRAY_CSV_HEADER } from './xrayCsv';
