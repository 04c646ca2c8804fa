import { build } from 'esbuild';
import { join } from 'node:path';
import { GetAnalysisRequest, PastedIssue, PreviewAnalysisRequest, ReanalyzeRequest, SaveConfigRequest, toFieldErrors } from '../src/contract';
import { DEFAULT_ADMIN_CONFIG } from '../src/config/schema';

it('bundles for the browser with zod and the analysis types only: no Node built-in, no @forge package', async () => {
  const result = await build({
    entryPoints: [join(__dirname, '..', 'src', 'contract.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.filter((input) => /(^|\/)node_modules\/@forge\/|^node:/.test(input))).toEqual([]);
  const packages = new Set(inputs.filter((input) => input.includes('node_modules/')).map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1]));
  expect([...packages]).toEqual(['zod']);
});

it('accepts no payload field for the panel keys: the issue comes from the context', () => {
  expect(GetAnalysisRequest.safeParse({}).success).toBe(true);
  expect(ReanalyzeRequest.safeParse({}).success).toBe(true);
  const smuggled = GetAnalysisRequest.safeParse({ issueId: '10002' });
  expect(smuggled.success ? [] : toFieldErrors(smuggled.error)).toEqual([{ path: '', message: 'Unrecognized key: "issueId"' }]);
});

it('validates saveConfig and previewAnalysis payloads with paths relative to the payload', () => {
  expect(SaveConfigRequest.safeParse({ config: DEFAULT_ADMIN_CONFIG }).success).toBe(true);
  const wrong = SaveConfigRequest.safeParse({ config: { ...DEFAULT_ADMIN_CONFIG, threshold: 2 } });
  expect(wrong.success ? [] : toFieldErrors(wrong.error)).toEqual([{ path: 'config.threshold', message: 'The threshold is at most 1.' }]);
  expect(PreviewAnalysisRequest.safeParse({ config: DEFAULT_ADMIN_CONFIG, issue: { summary: 'Webhook retries', description: 'h2. Steps' } }).success).toBe(true);
  expect(PastedIssue.safeParse({ summary: 'x', description: 'y'.repeat(100_001) }).success).toBe(false);
});
