import type { UiModule } from '../forgeApp';
import type { JiraIssue } from '../../src/jira/client';
import { adfToHtml } from './adfHtml';
import { html, type SafeHtml } from './html';
import { THEME_ATTRIBUTES } from './assets';

/** The sandbox's server-rendered pages: a Jira-like shell, the issue list, the issue view, the issue forms and the admin page. */

export interface PageShell {
  title: string;
  section: 'issues' | 'create' | 'admin';
  userName: string;
  body: SafeHtml;
}

/** The whole page; ARIA attributes left empty by a template (`aria-invalid=""` on a valid field) are dropped. */
export function page({ title, section, userName, body }: PageShell): string {
  const current = (name: PageShell['section']) => (name === section ? 'page' : false);
  return html`<!doctype html>
<html lang="en" data-theme="${THEME_ATTRIBUTES['data-theme']}" data-color-mode="${THEME_ATTRIBUTES['data-color-mode']}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} - Jira sandbox</title>
<link rel="stylesheet" href="/assets/tokens.css">
<link rel="stylesheet" href="/assets/sandbox.css">
</head>
<body>
<header class="top-nav">
  <a class="product" href="/issues"><span class="logo" aria-hidden="true">J</span>Jira sandbox</a>
  <nav aria-label="Main">
    <a href="/issues" aria-current="${current('issues')}">Issues</a>
    <a href="/admin" aria-current="${current('admin')}">Apps: Integration Radar</a>
  </nav>
  <a class="button primary" href="/create">Create</a>
  <span class="spacer"></span>
  <span class="user">Signed in as ${userName}</span>
</header>
<main>
${body}
</main>
<script src="/assets/sandbox.js"></script>
</body>
</html>`.value.replace(/ aria-[a-z]+=""/g, '');
}

export interface ListedIssue {
  key: string;
  summary: string;
  status: { name: string; category: string };
  labels: string[];
  patterns: string[];
  complexity: number | null;
}

export interface IssueListView {
  jql: string;
  issues: ListedIssue[];
  error?: string[];
  nextPage?: string;
  fieldNames: { patterns: string; complexity: string };
  /** JQL examples shown under the box. */
  examples: string[];
}

export function issueListBody(view: IssueListView): SafeHtml {
  const nextHref = view.nextPage ? `/issues?${new URLSearchParams({ jql: view.jql, page: view.nextPage })}` : undefined;
  return html`
<h1>Issues</h1>
<form class="jql-form" method="get" action="/issues" role="search">
  <input id="jql" name="jql" type="text" value="${view.jql}" placeholder="Search issues with JQL, e.g. ${view.examples[0]}" aria-label="JQL query" spellcheck="false" autocomplete="off">
  <button class="button primary" type="submit">Search</button>
</form>
<p class="help">Examples: ${view.examples.map((example, index) => html`${index > 0 ? ', ' : ''}<a href="/issues?${new URLSearchParams({ jql: example }).toString()}"><code>${example}</code></a>`)}</p>
${view.error ? html`<div class="message error" role="alert"><p class="title">The JQL query is not valid</p>${view.error.map((line) => html`<p>${line}</p>`)}</div>` : ''}
${view.error
  ? ''
  : view.issues.length === 0
    ? html`<p class="none">No issues match this query.</p>`
    : html`<table class="issues" aria-label="Issues">
  <thead><tr><th scope="col">Key</th><th scope="col">Summary</th><th scope="col">Status</th><th scope="col">Labels</th><th scope="col">${view.fieldNames.patterns}</th><th scope="col">${view.fieldNames.complexity}</th></tr></thead>
  <tbody>
  ${view.issues.map(
    (issue) => html`<tr data-issue-key="${issue.key}">
    <td class="key"><a href="/browse/${issue.key}">${issue.key}</a></td>
    <td><a href="/browse/${issue.key}">${issue.summary}</a></td>
    <td>${statusLozenge(issue.status)}</td>
    <td class="labels">${labelList(issue.labels)}</td>
    <td class="patterns">${patternList(issue.patterns)}</td>
    <td class="complexity number">${issue.complexity ?? html`<span class="none">None</span>`}</td>
  </tr>`,
  )}
  </tbody>
</table>`}
<div class="pager"><span>${view.issues.length} issue${view.issues.length === 1 ? '' : 's'} on this page</span>${nextHref ? html`<a class="button" href="${nextHref}">Next page</a>` : ''}</div>`;
}

/** What the issue view shows: the fields the app reads (JiraIssue), and what Jira's view adds around them. */
export interface IssueDetails extends Omit<JiraIssue, 'property'> {
  issueType: string;
  status: { name: string; category: string };
  reporter: string | null;
  created: string;
  patterns: string[];
  complexity: number | null;
}

export interface IssueViewOptions {
  issue: IssueDetails;
  fieldNames: { patterns: string; complexity: string };
  panel: { module: UiModule; src: string };
  sidePanel: { module: UiModule; src: string };
  notice?: string;
}

export function issueViewBody({ issue, fieldNames, panel, sidePanel, notice }: IssueViewOptions): SafeHtml {
  const description = adfToHtml(issue.description);
  return html`
<div class="breadcrumbs"><a href="/issues?${new URLSearchParams({ jql: `project = ${issue.projectKey}` }).toString()}">${issue.projectKey}</a> / ${issue.key}</div>
${notice ? html`<div class="message success" role="status"><p>${notice}</p></div>` : ''}
<div class="page-header"><h1 id="summary">${issue.summary}</h1><a class="button" href="/browse/${issue.key}/edit">Edit</a></div>
<div class="issue-layout">
  <div>
    <h2>Description</h2>
    <div class="description">${description.value ? description : html`<p class="none">No description</p>`}</div>
    ${appPanel(panel.module, panel.src, 'issue-panel', 400)}
  </div>
  <aside>
    <section class="details" aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <dl>
        <dt>Status</dt><dd>${statusLozenge(issue.status)}</dd>
        <dt>Type</dt><dd>${issue.issueType}</dd>
        <dt>Labels</dt><dd id="issue-labels">${labelList(issue.labels)}</dd>
        <dt>Components</dt><dd>${issue.components.length > 0 ? issue.components.join(', ') : html`<span class="none">None</span>`}</dd>
        <dt>${fieldNames.patterns}</dt><dd id="issue-patterns">${patternList(issue.patterns)}</dd>
        <dt>${fieldNames.complexity}</dt><dd id="issue-complexity">${issue.complexity ?? html`<span class="none">None</span>`}</dd>
        <dt>Reporter</dt><dd>${issue.reporter ?? html`<span class="none">None</span>`}</dd>
        <dt>Created</dt><dd>${dateTime(issue.created)}</dd>
        <dt>Updated</dt><dd>${dateTime(issue.updated)}</dd>
      </dl>
    </section>
    ${appPanel(sidePanel.module, sidePanel.src, 'side-panel', 200)}
  </aside>
</div>`;
}

export function adminBody(module: UiModule, src: string): SafeHtml {
  return html`
<div class="breadcrumbs">Apps / Manage apps</div>
<h1>${module.title}</h1>
${appPanel(module, src, 'admin-page', 600)}`;
}

export interface IssueFormValues {
  project: string;
  issueType: string;
  summary: string;
  description: string;
  components: string;
  labels: string;
}

export interface IssueFormOptions {
  mode: 'create' | 'edit';
  issueKey?: string;
  values: IssueFormValues;
  projects: Array<{ key: string; name: string; components: string[] }>;
  issueTypes: string[];
  /** Jira's messages: by field (`summary`, `labels`…) and for the whole request. */
  errors?: { fields: Record<string, string>; messages: string[] };
}

export function issueFormBody({ mode, issueKey, values, projects, issueTypes, errors }: IssueFormOptions): SafeHtml {
  const action = mode === 'create' ? '/create' : `/browse/${issueKey}/edit`;
  const fieldError = (name: string) => errors?.fields[name];
  const invalid = (name: string) => (fieldError(name) ? 'true' : false);
  const errorFor = (name: string) => (fieldError(name) ? html`<p class="field-error" id="${name}-error">${fieldError(name)}</p>` : '');
  const described = (name: string) => (fieldError(name) ? `${name}-error` : false);
  const componentsHint = projects.map((project) => `${project.key}: ${project.components.join(', ') || 'none'}`).join('; ');
  return html`
${mode === 'edit' ? html`<div class="breadcrumbs"><a href="/browse/${issueKey}">${issueKey}</a> / Edit</div>` : ''}
<h1>${mode === 'create' ? 'Create issue' : `Edit ${issueKey}`}</h1>
${errors ? html`<div class="message error" role="alert"><p class="title">${mode === 'create' ? 'The issue was not created.' : 'The issue was not saved.'} Jira says:</p>${[...errors.messages, ...Object.entries(errors.fields).map(([field, message]) => `${field}: ${message}`)].map((line) => html`<p>${line}</p>`)}</div>` : ''}
<form class="form" method="post" action="${action}" novalidate>
  ${mode === 'create'
    ? html`<div class="field"><label for="project">Project</label><select id="project" name="project" aria-invalid="${invalid('project')}">${projects.map(
        (project) => html`<option value="${project.key}"${project.key === values.project ? html` selected` : ''}>${project.name === project.key ? project.key : `${project.name} (${project.key})`}</option>`,
      )}</select>${errorFor('project')}</div>
  <div class="field"><label for="issueType">Issue type</label><select id="issueType" name="issueType">${issueTypes.map(
    (type) => html`<option${type === values.issueType ? html` selected` : ''}>${type}</option>`,
  )}</select>${errorFor('issuetype')}</div>`
    : ''}
  <div class="field"><label for="summary">Summary (required)</label><input id="summary" name="summary" type="text" value="${values.summary}" aria-required="true" aria-invalid="${invalid('summary')}" aria-describedby="${described('summary')}">${errorFor('summary')}</div>
  <div class="field"><label for="description">Description</label><textarea id="description" name="description" aria-describedby="description-hint">${values.description}</textarea>
    <p class="hint" id="description-hint">Jira wiki markup: <code>h3. Heading</code>, <code>* item</code>, <code># step</code>, <code>{code}...{code}</code>, <code>{{monospace}}</code>. Saved as Atlassian Document Format, as Jira Cloud stores it.</p>${errorFor('description')}</div>
  <div class="field"><label for="components">Components</label><input id="components" name="components" type="text" value="${values.components}" aria-describedby="components-hint" aria-invalid="${invalid('components')}">
    <p class="hint" id="components-hint">Comma-separated. ${componentsHint}</p>${errorFor('components')}</div>
  <div class="field"><label for="labels">Labels</label><input id="labels" name="labels" type="text" value="${values.labels}" aria-describedby="labels-hint" aria-invalid="${invalid('labels')}">
    <p class="hint" id="labels-hint">Separated by spaces.</p>${errorFor('labels')}</div>
  <div class="form-actions"><button class="button primary" type="submit">${mode === 'create' ? 'Create' : 'Save'}</button><a class="button" href="${mode === 'create' ? '/issues' : `/browse/${issueKey}`}">Cancel</a></div>
</form>`;
}

export function notFoundBody(message: string): SafeHtml {
  return html`<h1>Not found</h1><div class="message error" role="alert"><p>${message}</p></div><p><a href="/issues">Back to the issues</a></p>`;
}

function appPanel(module: UiModule, src: string, id: string, minHeight: number): SafeHtml {
  return html`<section class="app-panel" aria-label="${module.title}">
  <header><img src="/assets/app-icon.svg" alt="">${module.title}</header>
  <div class="frame"><iframe id="${id}" title="${module.title}" src="${src}" data-autosize data-min-height="${minHeight}" style="height:${minHeight}px"></iframe></div>
</section>`;
}

function statusLozenge(status: { name: string; category: string }): SafeHtml {
  return html`<span class="lozenge status-${status.category}">${status.name}</span>`;
}

function labelList(labels: string[]): SafeHtml {
  return labels.length > 0 ? html`${labels.map((label) => html`<span class="label">${label}</span>`)}` : html`<span class="none">None</span>`;
}

function patternList(patterns: string[]): SafeHtml {
  return patterns.length > 0 ? html`${patterns.map((pattern) => html`<span class="lozenge pattern">${pattern}</span>`)}` : html`<span class="none">None</span>`;
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** Jira's timestamp (`2026-11-28T08:43:16.818+0000`) as Jira shows it, in UTC. */
function dateTime(value: string): string {
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? value : `${DATE_TIME.format(date)} UTC`;
}
