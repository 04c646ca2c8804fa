import type { PatternId, ProviderKind } from '../../../src/analysis/types';
import { PATTERN_IDS } from '../../../src/analysis/types';
import type { AdminConfig } from '../../../src/config/schema';
import type { FieldError, SaveConfigPayload } from '../../../src/contract';

/**
 * The admin form's editable copy of the configuration: lists as text (one item a line, or
 * comma-separated project keys) and the threshold as typed. `fromDraft` turns it back into a
 * configuration without judging it: the admin resolver validates it with the zod schema and
 * answers with field errors, which `errorsByField` places next to the fields.
 */
export interface ProviderDraft {
  /** Stable React key for a row; not part of the configuration. */
  rowKey: number;
  id: string;
  name: string;
  kind: ProviderKind;
  aliases: string;
  checklist: string;
}

export interface ConfigDraft {
  enabledProjects: string;
  labelPrefix: string;
  autoLabelOnCreate: boolean;
  autoLabelOnUpdate: boolean;
  removeOwnLabels: boolean;
  strategy: AdminConfig['strategy'];
  threshold: string;
  extraKeywords: Record<PatternId, string>;
  customProviders: ProviderDraft[];
}

export type ConfigPayload = SaveConfigPayload['config'];

export function toDraft(config: AdminConfig): ConfigDraft {
  return {
    enabledProjects: config.enabledProjects.join(', '),
    labelPrefix: config.labelPrefix,
    autoLabelOnCreate: config.autoLabelOnCreate,
    autoLabelOnUpdate: config.autoLabelOnUpdate,
    removeOwnLabels: config.removeOwnLabels,
    strategy: config.strategy,
    threshold: String(config.threshold),
    extraKeywords: Object.fromEntries(PATTERN_IDS.map((id) => [id, (config.extraKeywords[id] ?? []).join('\n')])) as Record<PatternId, string>,
    customProviders: config.customProviders.map((provider, index) => ({
      rowKey: index,
      id: provider.id,
      name: provider.name,
      kind: provider.kind,
      aliases: provider.aliases.join('\n'),
      checklist: provider.checklist.join('\n'),
    })),
  };
}

export function fromDraft(draft: ConfigDraft): ConfigPayload {
  const extraKeywords: Partial<Record<PatternId, string[]>> = {};
  for (const id of PATTERN_IDS) {
    const keywords = lines(draft.extraKeywords[id]);
    if (keywords.length > 0) extraKeywords[id] = keywords;
  }
  return {
    enabledProjects: draft.enabledProjects.split(/[\s,]+/).filter(Boolean),
    labelPrefix: draft.labelPrefix,
    autoLabelOnCreate: draft.autoLabelOnCreate,
    autoLabelOnUpdate: draft.autoLabelOnUpdate,
    removeOwnLabels: draft.removeOwnLabels,
    strategy: draft.strategy,
    // Empty or not a number stays NaN, which the schema rejects with its own message.
    threshold: draft.threshold.trim() === '' ? Number.NaN : Number(draft.threshold),
    extraKeywords,
    customProviders: draft.customProviders.map((provider) => ({
      id: provider.id.trim(),
      name: provider.name,
      kind: provider.kind,
      aliases: lines(provider.aliases),
      checklist: lines(provider.checklist),
      fromSpec: false,
    })),
  };
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A list field: its items are entered in one control, so an item's error belongs to that control. */
const LIST_ITEM_PATH = /^(enabledProjects|extraKeywords\.[a-z_]+|customProviders\.\d+\.(?:aliases|checklist))\.(\d+)$/;

/**
 * Field errors keyed by the form control they belong to (`labelPrefix`, `extraKeywords.api_issues`,
 * `customProviders.0.aliases`...). `prefix` is the payload's path to the configuration. An error of
 * a list item names the item. Errors outside the configuration are left out.
 */
export function errorsByField(fieldErrors: readonly FieldError[], prefix = 'config.'): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const { path, message } of fieldErrors) {
    if (!path.startsWith(prefix)) continue;
    const inConfig = path.slice(prefix.length);
    const item = LIST_ITEM_PATH.exec(inConfig);
    const field = item ? item[1]! : inConfig;
    const text = item ? `Item ${Number(item[2]) + 1}: ${message}` : message;
    byField.set(field, [...(byField.get(field) ?? []), text]);
  }
  return byField;
}
