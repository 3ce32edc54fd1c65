#!/usr/bin/env node
// The CLI: the bundle (dist/sgtrail.cjs, CommonJS like this file — see bin/package.json) run from
// V8's code cache that the build made for it, when there is one. Why: see scripts/build.mjs.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const vm = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const file = join(dist, 'sgtrail.cjs');
const cache = join(dist, 'sgtrail.cjs.cache');
let cachedData;
try {
  // V8 checks that a cache fits its version, flags and the length of the source, not the source:
  // one older than the bundle (a bundle rebuilt without it) is not used.
  if (statSync(cache).mtimeMs >= statSync(file).mtimeMs) cachedData = readFileSync(cache);
} catch {
  // No cache: V8 compiles the bundle, as Node would.
}
const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
const module_ = { exports: {}, filename: file, id: file, loaded: false };
script.runInThisContext()(module_.exports, Module.createRequire(file), module_, file, dist);
