import type { TextPieces } from './text/pieces';
/**
 * The analysis core's data model: what goes in (IssueInput), what comes out (Analysis) and the
 * catalog's shapes. Everything here is plain, JSON-serialisable data: the Forge app stores an
 * Analysis in Jira, the panel renders it, the CLI prints it.
 */

export const PATTERN_IDS = [
  'api_issues',
  'external_service_issues',
  'sync_issues',
  'webhook_issues',
  'monitoring_issues',
] as const;
export type PatternId = (typeof PATTERN_IDS)[number];

export const STRATEGY_NAMES = ['default', 'seed'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export type Priority = 'P0' | 'P1';

// ---------------------------------------------------------------------------------------------
// Input

/** Format of a description: ADF (Jira Cloud REST v3), Jira wiki markup (Server/DC, v2, the corpus) or plain text. */
export type DescriptionFormat = 'adf' | 'wiki' | 'plain';

/** A Jira issue as the core sees it; no Forge or REST types. */
export interface IssueInput {
  key?: string;
  id?: string;
  summary: string;
  /** ADF document (object), wiki markup or plain text (string), or nothing. */
  description?: unknown;
  /** When omitted: an object is ADF, a string is wiki markup (plain text is valid wiki markup). */
  descriptionFormat?: DescriptionFormat;
  components?: string[];
  labels?: string[];
}

// ---------------------------------------------------------------------------------------------
// Extracted text

export const FIELD_NAMES = ['summary', 'description', 'components', 'labels'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** Where a run of text came from inside a field; the detector weighs prose over the rest. */
export type SegmentKind = 'prose' | 'code' | 'url' | 'stacktrace';

/** A half-open range [start, end) of FieldText.text that is not prose. */
export interface Span {
  start: number;
  end: number;
  kind: Exclude<SegmentKind, 'prose'>;
}

/**
 * The text of one field, flattened. `spans` mark code, URLs and stack traces, sorted by start and
 * non-overlapping; anything outside a span is prose. Offsets are UTF-16 code units into `text`.
 */
export interface FieldText {
  field: FieldName;
  /** The field's text: `pieces` joined, built when first read (the analysis reads the pieces). */
  readonly text: string;
  pieces: TextPieces;
  spans: Span[];
}

export interface ExtractedIssue {
  /** Always in FIELD_NAMES order: summary, description, components, labels. */
  fields: FieldText[];
  /** Characters dropped because the description exceeded the extraction limit. */
  truncatedChars: number;
  /** Non-fatal problems met while reading the input (malformed ADF nodes, binary text...). */
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Catalog

export interface TestTemplateGroup {
  /** Stable id within the pattern, e.g. `endpoint_functionality`. */
  id: string;
  priority: Priority;
  /** Human category, e.g. "Endpoint Functionality". */
  category: string;
  /** The spec's lines, verbatim. */
  lines: string[];
}

export interface PatternDefinition {
  id: PatternId;
  name: string;
  /** The spec's category bullets (Integration Issue Categories), where the spec has them. */
  categories: string[];
  /** The spec's "Pattern Identification" keywords and components, verbatim. */
  keywords: string[];
  components: string[];
  symptoms: string[];
  /** Weight used by the detectors (the spec's detector weights; monitoring chosen by us). */
  weight: number;
  testGroups: TestTemplateGroup[];
}

export type ProviderKind = 'email' | 'sms' | 'push' | 'payments' | 'chat' | 'cloud' | 'crm' | 'other';

export interface ProviderDefinition {
  /** Stable id, e.g. `sendgrid`. */
  id: string;
  name: string;
  kind: ProviderKind;
  /** Names and product names that identify the provider in ticket text, matched case-insensitively on word boundaries. */
  aliases: string[];
  checklist: string[];
  /** True when the checklist is the spec's own text (SendGrid, Mailgun, Twilio, Nexmo). */
  fromSpec: boolean;
}

export interface GuidanceSection {
  id: string;
  title: string;
  items: string[];
}

// ---------------------------------------------------------------------------------------------
// Configuration (the core's part; the admin config extends it)

export interface AnalysisConfig {
  strategy: StrategyName;
  /** Minimum confidence (0..1) for the default strategy; the seed strategy keeps the spec's 0.4 score. */
  threshold: number;
  /** Extra keywords per pattern, matched like catalog keywords. */
  extraKeywords: Partial<Record<PatternId, string[]>>;
  /** Providers in addition to the catalog's. */
  customProviders: ProviderDefinition[];
}

// ---------------------------------------------------------------------------------------------
// Output

export interface Evidence {
  field: FieldName;
  /** Offset of `phrase` in the field's extracted text. */
  offset: number;
  /** The text as it stands in the ticket. */
  phrase: string;
  /** The catalog term it matched (keyword, component, provider or factor word). */
  term: string;
  kind: SegmentKind;
  /** A short window of text around the match, for display. */
  snippet: string;
}

export interface PatternResult {
  id: PatternId;
  name: string;
  /** 0..1 for the default strategy; the spec's raw score for `seed`. */
  confidence: number;
  matchedKeywords: string[];
  matchedComponents: string[];
  evidence: Evidence[];
}

export interface ProviderMatch {
  id: string;
  name: string;
  kind: ProviderKind;
  evidence: Evidence[];
}

export const COMPLEXITY_FACTOR_IDS = [
  'multiple_services',
  'real_time_sync',
  'security_sensitive',
  'high_volume',
  'cross_region',
  'legacy_system',
] as const;
export type ComplexityFactorId = (typeof COMPLEXITY_FACTOR_IDS)[number];

export interface ComplexityFactor {
  id: ComplexityFactorId;
  points: number;
  /** Why it applied: a sentence, plus the matched text where a word triggered it. */
  reason: string;
  evidence: Evidence[];
}

export interface ComplexityResult {
  score: number;
  base: number;
  factors: ComplexityFactor[];
}

export type TestCaseSource = 'pattern' | 'provider' | 'api_documentation' | 'webhook_security' | 'environment' | 'mock_service';

export interface TestCase {
  /** Stable across runs and versions, e.g. `api_issues.endpoint_functionality.1`. */
  id: string;
  pattern: PatternId | null;
  priority: Priority;
  category: string;
  title: string;
  source: TestCaseSource;
  /** Provider id for provider checklist items. */
  provider?: string;
}

export interface Checklist {
  id: string;
  title: string;
  items: string[];
}

export interface TestPlan {
  /** Deduplicated, P0 first, then by pattern order and template order. */
  cases: TestCase[];
  providerChecklists: Checklist[];
  apiDocumentation: Checklist | null;
  webhookSecurity: Checklist | null;
  environments: Checklist[];
  mockServices: Checklist[];
}

export const ANALYSIS_VERSION = 1;

export interface Analysis {
  version: typeof ANALYSIS_VERSION;
  key?: string;
  strategy: StrategyName;
  patterns: PatternResult[];
  providers: ProviderMatch[];
  complexity: ComplexityResult;
  testPlan: TestPlan;
  /** Hash of the analysed text, the strategy and the config: equal hashes mean equal analyses. */
  textHash: string;
  analysedChars: number;
  truncatedChars: number;
  warnings: string[];
}
