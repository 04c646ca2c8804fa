import { build } from 'esbuild';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Bundles a Forge handler module the way `forge deploy` packages one: the module and everything it
 * imports (node_modules included) in one CommonJS file for the Node runtime of the manifest. The
 * Forge CLI bundles with webpack; esbuild produces the same kind of self-contained file, which is
 * what the manifest test loads to check the exported handlers and the benchmark times cold.
 */
export interface ForgeBundle {
  file: string;
  bytes: number;
}

export async function bundleForgeModule(entry: string, { nodeVersion = 'node22' }: { nodeVersion?: string } = {}): Promise<ForgeBundle> {
  const file = join(await mkdtemp(join(tmpdir(), 'forge-bundle-')), 'index.js');
  const result = await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: nodeVersion,
    logLevel: 'silent',
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs)[0];
  return { file, bytes: output?.bytes ?? 0 };
}
