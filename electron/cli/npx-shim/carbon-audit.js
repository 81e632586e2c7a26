#!/usr/bin/env node
// The CLI bundle is built on `npm install` (postinstall) and by `npm run build`.
require('../../../out/node/cli.js');
