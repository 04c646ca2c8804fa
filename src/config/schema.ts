import { z } from 'zod';
import { DEFAULT_ANALYSIS_CONFIG } from '../analysis/analyze';
import { PROVIDERS } from '../analysis/catalog';
import { PATTERN_IDS, STRATEGY_NAMES, type AnalysisConfig, type PatternId, type ProviderKind } from '../analysis/types';

/**
 * The admin configuration: which projects the app acts on, how it labels issues, and the analysis
 * settings (strategy, threshold, extra keywords, custom providers). Validated with zod wherever it
 * crosses a boundary (the admin page's payload, the value read back from storage), with messages
 * written for the admin who filled in the field. Pure: the admin page imports it through
 * src/contract.ts.
 */

/** Jira labels take no spaces and at most 255 characters (https://support.atlassian.com/jira-software-cloud/docs/add-labels-to-issues/). */
export const MAX_LABEL_LENGTH = 255;

/** What follows the prefix in a pattern's label: `integration-` + `webhook`. */
export const PATTERN_LABEL_SUFFIX: Readonly<Record<PatternId, string>> = {
  api_issues: 'api',
  external_service_issues: 'external-service',
  sync_issues: 'sync',
  webhook_issues: 'webhook',
  monitoring_issues: 'monitoring',
};

const LONGEST_SUFFIX = Math.max(...Object.values(PATTERN_LABEL_SUFFIX).map((suffix) => suffix.length));
const PROVIDER_KINDS = ['email', 'sms', 'push', 'payments', 'chat', 'cloud', 'crm', 'other'] as const satisfies readonly ProviderKind[];
const MAX_PROJECTS = 500;
const MAX_KEYWORDS_PER_PATTERN = 50;
const MAX_CUSTOM_PROVIDERS = 50;
const MAX_PHRASE_LENGTH = 100;
const MAX_LIST_ITEMS = 50;
const MAX_CHECKLIST_ITEM_LENGTH = 500;
/** A wildcard word (`auth*`) shorter than this would match most of a ticket. */
const MIN_WILDCARD_STEM = 3;

/** Jira project keys: an uppercase letter, then uppercase letters, digits or underscores (https://support.atlassian.com/jira-cloud-administration/docs/what-is-a-project-key/). */
export const ProjectKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, { error: 'A project key starts with an uppercase letter and has only uppercase letters, digits and underscores, e.g. PAY.' });

const LabelPrefix = z
  .string()
  .min(1, { error: 'Enter a label prefix, e.g. integration-.' })
  .max(MAX_LABEL_LENGTH - LONGEST_SUFFIX, { error: `The label prefix can have at most ${MAX_LABEL_LENGTH - LONGEST_SUFFIX} characters, so that every label fits Jira's ${MAX_LABEL_LENGTH}.` })
  .regex(/^\S*$/, { error: 'Jira labels cannot contain spaces: remove the spaces from the label prefix.' });

/** A keyword or provider alias in the detector's phrase language (src/analysis/detect/phraseMatcher.ts). */
const Phrase = z
  .string()
  .trim()
  .min(1, { error: 'Enter a word or phrase.', abort: true })
  .max(MAX_PHRASE_LENGTH, { error: `A phrase can have at most ${MAX_PHRASE_LENGTH} characters.` })
  .refine((phrase) => phrase.split(/\s+/).every((word) => word.split('|').every((alternative) => /[A-Za-z0-9]/.test(alternative))), {
    error: 'Every word needs at least one letter or digit (A-Z, 0-9).',
  })
  .refine((phrase) => phrase.split(/[\s|]+/).every((word) => !word.endsWith('*') || word.length > MIN_WILDCARD_STEM), {
    error: `A wildcard needs at least ${MIN_WILDCARD_STEM} letters before '*', e.g. auth*.`,
  });

const ChecklistItem = z
  .string()
  .trim()
  .min(1, { error: 'Enter the checklist item.' })
  .max(MAX_CHECKLIST_ITEM_LENGTH, { error: `A checklist item can have at most ${MAX_CHECKLIST_ITEM_LENGTH} characters.` });

const CustomProvider = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, { error: 'A provider id has 1 to 50 lowercase letters, digits, - or _, e.g. acme-pay.' }),
  name: z.string().trim().min(1, { error: 'Enter the provider name.' }).max(MAX_PHRASE_LENGTH, { error: `A provider name can have at most ${MAX_PHRASE_LENGTH} characters.` }),
  kind: z.enum(PROVIDER_KINDS, { error: `Choose a kind: ${PROVIDER_KINDS.join(', ')}.` }),
  aliases: z.array(Phrase).min(1, { error: 'Add at least one name the provider goes by in tickets.' }).max(MAX_LIST_ITEMS, { error: `At most ${MAX_LIST_ITEMS} aliases.` }),
  checklist: z.array(ChecklistItem).min(1, { error: 'Add at least one checklist item to test.' }).max(MAX_LIST_ITEMS, { error: `At most ${MAX_LIST_ITEMS} checklist items.` }),
  fromSpec: z.literal(false, { error: 'Custom providers are not from the spec.' }).default(false),
});

const KeywordList = z.array(Phrase).max(MAX_KEYWORDS_PER_PATTERN, { error: `At most ${MAX_KEYWORDS_PER_PATTERN} extra keywords per pattern.` }).optional();

const ExtraKeywords = z.strictObject(
  {
    api_issues: KeywordList,
    external_service_issues: KeywordList,
    sync_issues: KeywordList,
    webhook_issues: KeywordList,
    monitoring_issues: KeywordList,
  } satisfies Record<PatternId, typeof KeywordList>,
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `Extra keywords belong to a pattern (${PATTERN_IDS.join(', ')}), not to ${issue.keys.map((key) => `'${key}'`).join(', ')}.` : undefined,
  },
);

export const AdminConfigSchema = z
  .object({
    /** Project keys the app acts on; empty means every project. */
    enabledProjects: z.array(ProjectKey).max(MAX_PROJECTS, { error: `At most ${MAX_PROJECTS} projects; leave the list empty to enable every project.` }),
    labelPrefix: LabelPrefix,
    autoLabelOnCreate: z.boolean({ error: 'Choose whether to label new issues.' }),
    autoLabelOnUpdate: z.boolean({ error: 'Choose whether to label issues when they change.' }),
    /** Remove a label the app added when its pattern is no longer detected; labels people added are never removed. */
    removeOwnLabels: z.boolean({ error: 'Choose whether to remove the app’s labels when a pattern disappears.' }),
    strategy: z.enum(STRATEGY_NAMES, { error: `Choose a strategy: ${STRATEGY_NAMES.join(' or ')}.` }),
    threshold: z
      .number({ error: 'The threshold is a number between 0 and 1.' })
      .min(0, { error: 'The threshold is at least 0.' })
      .max(1, { error: 'The threshold is at most 1.' }),
    extraKeywords: ExtraKeywords,
    customProviders: z.array(CustomProvider).max(MAX_CUSTOM_PROVIDERS, { error: `At most ${MAX_CUSTOM_PROVIDERS} custom providers.` }),
  })
  .superRefine((config, context) => {
    const seen = new Set(PROVIDERS.map((provider) => provider.id));
    config.customProviders.forEach((provider, index) => {
      if (seen.has(provider.id)) {
        context.addIssue({ code: 'custom', path: ['customProviders', index, 'id'], message: `The provider id '${provider.id}' is already taken: choose another.` });
      }
      seen.add(provider.id);
    });
    config.enabledProjects.forEach((key, index) => {
      if (config.enabledProjects.indexOf(key) !== index) {
        context.addIssue({ code: 'custom', path: ['enabledProjects', index], message: `The project ${key} is listed twice.` });
      }
    });
  });

export type AdminConfig = z.infer<typeof AdminConfigSchema>;

export const DEFAULT_ADMIN_CONFIG: AdminConfig = {
  enabledProjects: [],
  labelPrefix: 'integration-',
  autoLabelOnCreate: true,
  autoLabelOnUpdate: true,
  removeOwnLabels: false,
  strategy: DEFAULT_ANALYSIS_CONFIG.strategy,
  threshold: DEFAULT_ANALYSIS_CONFIG.threshold,
  extraKeywords: {},
  customProviders: [],
};

/** The part of the configuration the analysis core reads. */
export function toAnalysisConfig(config: AdminConfig): AnalysisConfig {
  return {
    strategy: config.strategy,
    threshold: config.threshold,
    extraKeywords: config.extraKeywords,
    customProviders: config.customProviders,
  };
}

export function isProjectEnabled(config: AdminConfig, projectKey: string): boolean {
  return config.enabledProjects.length === 0 || config.enabledProjects.includes(projectKey);
}
