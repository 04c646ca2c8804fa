import type { ProviderKind } from '../../../src/analysis/types';
import { Field } from '../shared/Field';
import type { ProviderDraft } from './configDraft';

const KIND_LABELS: Readonly<Record<ProviderKind, string>> = {
  email: 'Email',
  sms: 'SMS',
  push: 'Push notifications',
  payments: 'Payments',
  chat: 'Chat',
  cloud: 'Cloud platform',
  crm: 'CRM',
  other: 'Other',
};

/** Providers the catalog does not know: how tickets name them, and the checklist to test. */
export function CustomProvidersEditor({
  providers,
  errors,
  onChange,
}: {
  providers: readonly ProviderDraft[];
  errors: ReadonlyMap<string, string[]>;
  onChange: (providers: ProviderDraft[]) => void;
}) {
  const update = (index: number, change: Partial<ProviderDraft>) => onChange(providers.map((provider, at) => (at === index ? { ...provider, ...change } : provider)));
  const add = () =>
    onChange([...providers, { rowKey: Math.max(-1, ...providers.map((provider) => provider.rowKey)) + 1, id: '', name: '', kind: 'other', aliases: '', checklist: '' }]);

  return (
    <fieldset className="card stack stack--tight">
      <legend>
        <h2>Custom providers</h2>
      </legend>
      {errors.get('customProviders')?.map((error) => (
        <p key={error} className="field__error">
          {error}
        </p>
      ))}
      {providers.length === 0 ? <p className="subtle">No custom providers. The built-in catalog covers common email, SMS, payment and cloud providers.</p> : null}
      {providers.map((provider, index) => {
        const id = (field: string) => `customProviders.${index}.${field}`;
        const title = provider.name.trim() || `Provider ${index + 1}`;
        return (
          <div key={provider.rowKey} className="stack stack--tight section" role="group" aria-label={title}>
            <div className="spread">
              <h3>{title}</h3>
              <button type="button" className="button button--subtle" onClick={() => onChange(providers.filter((_, at) => at !== index))}>
                Remove<span className="visually-hidden"> {title}</span>
              </button>
            </div>
            <div className="inline">
              <Field id={id('id')} label="Id" help="Lowercase, e.g. acme-pay" errors={errors.get(id('id'))}>
                {(control) => <input {...control} className="input" value={provider.id} onChange={(event) => update(index, { id: event.target.value })} />}
              </Field>
              <Field id={id('name')} label="Name" errors={errors.get(id('name'))}>
                {(control) => <input {...control} className="input" value={provider.name} onChange={(event) => update(index, { name: event.target.value })} />}
              </Field>
              <Field id={id('kind')} label="Kind" errors={errors.get(id('kind'))}>
                {(control) => (
                  <select {...control} className="select" value={provider.kind} onChange={(event) => update(index, { kind: event.target.value as ProviderKind })}>
                    {Object.entries(KIND_LABELS).map(([kind, label]) => (
                      <option key={kind} value={kind}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <Field id={id('aliases')} label="Names in tickets" help="One a line, e.g. Acme Pay" errors={errors.get(id('aliases'))}>
              {(control) => <textarea {...control} className="textarea" rows={2} value={provider.aliases} onChange={(event) => update(index, { aliases: event.target.value })} />}
            </Field>
            <Field id={id('checklist')} label="Checklist" help="One test a line" errors={errors.get(id('checklist'))}>
              {(control) => <textarea {...control} className="textarea" rows={3} value={provider.checklist} onChange={(event) => update(index, { checklist: event.target.value })} />}
            </Field>
          </div>
        );
      })}
      <p>
        <button type="button" className="button" onClick={add}>
          Add a provider
        </button>
      </p>
    </fieldset>
  );
}
