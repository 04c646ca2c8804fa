import { useCallback, useEffect, useState } from 'react';
import type { AdminConfig } from '../../../src/config/schema';
import { callAdmin, describeError, type CallError } from '../shared/bridge';
import { LoadFailed, Lozenge, Message, Skeleton } from '../shared/components';
import { ConfigForm } from './ConfigForm';
import { ConfirmDialog } from './ConfirmDialog';
import { errorsByField, fromDraft, toDraft, type ConfigDraft } from './configDraft';
import { BackfillSection } from './BackfillSection';
import { TryIt } from './TryIt';

type PageState = { phase: 'loading' } | { phase: 'failed'; error: CallError } | { phase: 'ready'; saved: AdminConfig; defaults: AdminConfig };
type SaveState = { phase: 'idle' } | { phase: 'saving' } | { phase: 'saved' } | { phase: 'failed'; error: CallError };

/** The admin page (`jira:adminPage`, Configure in Manage apps): the app's configuration. */
export function AdminPage() {
  const [page, setPage] = useState<PageState>({ phase: 'loading' });
  const [draft, setDraft] = useState<ConfigDraft | undefined>();
  const [errors, setErrors] = useState<Map<string, string[]>>(new Map());
  const [save, setSave] = useState<SaveState>({ phase: 'idle' });
  const [confirming, setConfirming] = useState(false);

  const load = useCallback(async () => {
    setPage({ phase: 'loading' });
    const result = await callAdmin('getConfig', {});
    if (!result.ok) return setPage({ phase: 'failed', error: result.error });
    setPage({ phase: 'ready', saved: result.data.config, defaults: result.data.defaults });
    setDraft(toDraft(result.data.config));
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  if (page.phase === 'failed') return <LoadFailed {...describeError(page.error)} onRetry={() => void load()} />;
  if (page.phase === 'loading' || !draft) return <Skeleton label="Loading the settings…" lines={10} />;

  const dirty = JSON.stringify(fromDraft(draft)) !== JSON.stringify(fromDraft(toDraft(page.saved)));
  const errorCount = [...errors.values()].reduce((sum, list) => sum + list.length, 0);

  async function confirmSave(current: ConfigDraft): Promise<void> {
    setConfirming(false);
    setSave({ phase: 'saving' });
    const result = await callAdmin('saveConfig', { config: fromDraft(current) });
    if (result.ok) {
      setErrors(new Map());
      setPage({ phase: 'ready', saved: result.data.config, defaults: result.data.defaults });
      setDraft(toDraft(result.data.config));
      setSave({ phase: 'saved' });
      return;
    }
    setErrors(result.error.code === 'invalid-request' ? errorsByField(result.error.fieldErrors ?? []) : new Map());
    setSave({ phase: 'failed', error: result.error });
  }

  function discard(saved: AdminConfig): void {
    setDraft(toDraft(saved));
    setErrors(new Map());
  }

  return (
    <main className="stack" aria-labelledby="admin-heading">
      <header className="stack stack--tight">
        <h1 id="admin-heading">Integration Radar settings</h1>
        <EnabledProjects projects={page.saved.enabledProjects} />
      </header>

      {errorCount > 0 ? (
        <Message appearance="error" title={`${errorCount} setting${errorCount === 1 ? ' needs' : 's need'} attention`}>
          <p>Fix the fields marked below, then save again.</p>
        </Message>
      ) : null}
      {save.phase === 'saved' && !dirty ? <Message appearance="success" title="Settings saved" /> : null}
      {save.phase === 'failed' && save.error.code !== 'invalid-request' ? (
        <Message appearance="error" title={`Not saved: ${describeError(save.error).title.toLowerCase()}`}>
          <p>{describeError(save.error).detail}</p>
        </Message>
      ) : null}

      <div className="admin-layout">
        <form
          className="stack"
          aria-label="Settings"
          onSubmit={(event) => {
            event.preventDefault();
            setConfirming(true);
          }}
        >
          <ConfigForm draft={draft} errors={errors} onChange={setDraft} />
          <div className="inline">
            <button type="submit" className="button button--primary" disabled={!dirty || save.phase === 'saving'}>
              {save.phase === 'saving' ? 'Saving…' : 'Save settings'}
            </button>
            <button type="button" className="button button--subtle" disabled={!dirty} onClick={() => discard(page.saved)}>
              Discard changes
            </button>
            <button type="button" className="button button--subtle" onClick={() => setDraft(toDraft(page.defaults))}>
              Use defaults
            </button>
            {dirty ? <span className="subtle">Unsaved changes</span> : null}
          </div>
        </form>
        <div className="stack">
          <TryIt config={() => fromDraft(draft)} onConfigErrors={setErrors} />
          <BackfillSection enabledProjects={page.saved.enabledProjects} />
        </div>
      </div>

      <ConfirmDialog
        id="confirm"
        open={confirming}
        title="Save these settings?"
        confirmLabel="Save"
        backLabel="Cancel"
        onConfirm={() => void confirmSave(draft)}
        onClose={() => setConfirming(false)}
      >
        <p>Issues are analysed with them from now on: when they are created or change, or when someone re-analyses them.</p>
      </ConfirmDialog>
    </main>
  );
}

function EnabledProjects({ projects }: { projects: readonly string[] }) {
  return (
    <p className="inline inline--tight" data-testid="enabled-projects">
      <span>Enabled in </span>
      {projects.length === 0 ? (
        <Lozenge appearance="success">all projects</Lozenge>
      ) : (
        projects.map((key) => (
          <Lozenge key={key} appearance="success">
            {key}
          </Lozenge>
        ))
      )}
    </p>
  );
}
