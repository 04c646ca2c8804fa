import { PATTERNS } from '../../../src/analysis/catalog/patterns';
import { STRATEGY_NAMES } from '../../../src/analysis/types';
import { Field } from '../shared/Field';
import type { ConfigDraft } from './configDraft';
import { CustomProvidersEditor } from './CustomProvidersEditor';

const STRATEGY_LABELS: Readonly<Record<ConfigDraft['strategy'], string>> = {
  default: 'Default: weighted evidence, calibrated confidence',
  seed: 'Seed: the spec’s keyword score',
};

export interface ConfigFormProps {
  draft: ConfigDraft;
  errors: ReadonlyMap<string, string[]>;
  onChange: (draft: ConfigDraft) => void;
}

/** Every setting of the admin configuration, each with its validation messages. */
export function ConfigForm({ draft, errors, onChange }: ConfigFormProps) {
  const set = <K extends keyof ConfigDraft>(key: K, value: ConfigDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <div className="stack">
      <fieldset className="card stack stack--tight">
        <legend>
          <h2>Projects</h2>
        </legend>
        <Field
          id="enabledProjects"
          label="Enabled projects"
          help="Project keys separated by commas, e.g. PAY, OPS. Leave empty to enable every project."
          errors={errors.get('enabledProjects')}
        >
          {(control) => <input {...control} className="input" value={draft.enabledProjects} onChange={(event) => set('enabledProjects', event.target.value)} />}
        </Field>
      </fieldset>

      <fieldset className="card stack stack--tight">
        <legend>
          <h2>Labels</h2>
        </legend>
        <Field
          id="labelPrefix"
          label="Label prefix"
          help="Pattern labels are this prefix and the pattern, e.g. integration-webhook."
          errors={errors.get('labelPrefix')}
        >
          {(control) => <input {...control} className="input" value={draft.labelPrefix} onChange={(event) => set('labelPrefix', event.target.value)} />}
        </Field>
        <Checkbox id="autoLabelOnCreate" label="Add pattern labels to new issues" checked={draft.autoLabelOnCreate} onChange={(value) => set('autoLabelOnCreate', value)} />
        <Checkbox
          id="autoLabelOnUpdate"
          label="Add labels for patterns newly detected when an issue changes"
          checked={draft.autoLabelOnUpdate}
          onChange={(value) => set('autoLabelOnUpdate', value)}
        />
        <Checkbox
          id="removeOwnLabels"
          label="Remove the app’s label when its pattern is no longer detected (labels people added are never removed)"
          checked={draft.removeOwnLabels}
          onChange={(value) => set('removeOwnLabels', value)}
        />
      </fieldset>

      <fieldset className="card stack stack--tight">
        <legend>
          <h2>Detection</h2>
        </legend>
        <Field id="strategy" label="Strategy" errors={errors.get('strategy')}>
          {(control) => (
            <select {...control} className="select" value={draft.strategy} onChange={(event) => set('strategy', event.target.value as ConfigDraft['strategy'])}>
              {STRATEGY_NAMES.map((name) => (
                <option key={name} value={name}>
                  {STRATEGY_LABELS[name]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="threshold"
          label="Confidence threshold"
          help="From 0 to 1: the default strategy reports a pattern at this confidence or above."
          errors={errors.get('threshold')}
        >
          {(control) => <input {...control} className="input" inputMode="decimal" value={draft.threshold} onChange={(event) => set('threshold', event.target.value)} />}
        </Field>
      </fieldset>

      <fieldset className="card stack stack--tight">
        <legend>
          <h2>Extra keywords</h2>
        </legend>
        <p className="subtle">One word or phrase a line, added to the built-in keywords. A trailing * matches word endings (auth*).</p>
        <div className="field-grid">
          {PATTERNS.map((pattern) => (
            <Field key={pattern.id} id={`extraKeywords.${pattern.id}`} label={pattern.name} errors={errors.get(`extraKeywords.${pattern.id}`)}>
              {(control) => (
                <textarea
                  {...control}
                  className="textarea"
                  rows={3}
                  value={draft.extraKeywords[pattern.id]}
                  onChange={(event) => set('extraKeywords', { ...draft.extraKeywords, [pattern.id]: event.target.value })}
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>

      <CustomProvidersEditor providers={draft.customProviders} errors={errors} onChange={(providers) => set('customProviders', providers)} />
    </div>
  );
}

function Checkbox({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <label className="checkbox" htmlFor={id}>
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}
