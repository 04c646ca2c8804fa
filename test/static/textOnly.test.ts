import * as fs from 'node:fs';
import * as path from 'node:path';
import { STATIC_DIR } from '../../static/pages';

test('no page renders markup from data: ticket text is only ever text', () => {
  const sources: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name)) sources.push(fs.readFileSync(file, 'utf8'));
    }
  };
  walk(path.join(STATIC_DIR, 'src'));
  expect(sources.length).toBeGreaterThan(10);
  expect(sources.filter((source) => /dangerouslySetInnerHTML|innerHTML|insertAdjacentHTML|document\.write/.test(source))).toEqual([]);
});
