#!/usr/bin/env node
// The CLI, compiled by `npm run build` (run on `npm install` through `prepare`).
require('../dist/cli/main.js').runCli();
