import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the browser tests write screenshots for review (git-ignored). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../../test-output/screenshots');
fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
