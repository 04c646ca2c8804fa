import { MAX_CHAINS, planChains } from '../../src/backfill/chains';

describe('planChains', () => {
  it('runs one chain per project, ordered by key, up to the chain limit', () => {
    expect(planChains({ kind: 'projects', projectKeys: ['PAY', 'OPS'] }, [])).toEqual({
      jql: 'project in ("PAY", "OPS")',
      chainJqls: ['project = "PAY" ORDER BY key ASC', 'project = "OPS" ORDER BY key ASC'],
    });
  });

  it('groups many projects into at most MAX_CHAINS chains of nearly equal size', () => {
    const keys = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    const plan = planChains({ kind: 'projects', projectKeys: keys }, []);
    if ('fieldErrors' in plan) throw new Error('refused');
    expect(plan.chainJqls).toEqual(['project in ("A", "B", "C") ORDER BY key ASC', 'project in ("D", "E") ORDER BY key ASC', 'project in ("F", "G") ORDER BY key ASC']);
    expect(plan.chainJqls).toHaveLength(MAX_CHAINS);
  });

  it('quotes project keys that are JQL words', () => {
    expect(planChains({ kind: 'projects', projectKeys: ['AND'] }, [])).toMatchObject({ chainJqls: ['project = "AND" ORDER BY key ASC'] });
  });

  it('refuses projects the settings do not enable, naming each', () => {
    expect(planChains({ kind: 'projects', projectKeys: ['PAY', 'OPS', 'WEB'] }, ['PAY'])).toEqual({
      fieldErrors: [
        { path: 'scope.projectKeys.1', message: 'The project OPS is not enabled in the settings: enable it first, or leave it out.' },
        { path: 'scope.projectKeys.2', message: 'The project WEB is not enabled in the settings: enable it first, or leave it out.' },
      ],
    });
  });

  it('runs a query as one chain, or split by the enabled projects', () => {
    expect(planChains({ kind: 'jql', jql: 'labels = legacy OR summary ~ sync' }, [])).toEqual({
      jql: '(labels = legacy OR summary ~ sync)',
      chainJqls: ['(labels = legacy OR summary ~ sync) ORDER BY key ASC'],
    });
    expect(planChains({ kind: 'jql', jql: 'created >= -365d' }, ['PAY', 'OPS'])).toEqual({
      jql: '(created >= -365d) AND project in ("PAY", "OPS")',
      chainJqls: ['(created >= -365d) AND project = "PAY" ORDER BY key ASC', '(created >= -365d) AND project = "OPS" ORDER BY key ASC'],
    });
  });
});
