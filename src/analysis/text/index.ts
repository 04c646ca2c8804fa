export { adfToText } from './adf';
export { extractIssue, MAX_DESCRIPTION_CHARS } from './extract';
export { plainToText } from './plainText';
export { sanitize } from './sanitize';
export { findUrls, finishSpans, normalizeSpans, scanStackTraces, TraceLevel, type Extraction, type Range, type TraceCluster } from './spans';
export { wikiToText } from './wikiMarkup';
