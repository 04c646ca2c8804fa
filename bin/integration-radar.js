#!/usr/bin/env node
// The CLI, compiled by `npm run build` (run on `npm install` through `prepare`).
process.exitCode = require('../dist/cli/main.js').main(process.argv.slice(2));
