#!/usr/bin/env node
// The CLI: the bundle (dist/sgtrail.cjs, CommonJS like this file — see bin/package.json) run from
// V8's code cache that the build made for it, when there is one. Why: see scripts/build.mjs.
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');

const dist = join(__dirname, '..', 'dist');
const file = join(dist, 'sgtrail.cjs');
const bundle = readFileSync(file);

/**
 * The cache, when it was made for these very bytes and is whole. V8 checks a cache against its own
 * version and flags and the source's length only: a cache for another bundle of the same length
 * would run that bundle's code, and one damaged inside can abort Node. So the file starts with a
 * line `sgtrail-cache <crc32 of the bundle> <crc32 of the cache>`, checked here (under 1 ms).
 */
function codeCache() {
  if (typeof zlib.crc32 !== 'function') return undefined;
  let raw;
  try {
    raw = readFileSync(join(dist, 'sgtrail.cjs.cache'));
  } catch {
    return undefined;
  }
  const nl = raw.indexOf(10);
  const [tag, forBundle, own] = raw.toString('latin1', 0, Math.max(nl, 0)).split(' ');
  const data = raw.subarray(nl + 1);
  if (nl < 0 || tag !== 'sgtrail-cache' || Number(forBundle) !== zlib.crc32(bundle) || Number(own) !== zlib.crc32(data)) return undefined;
  return data;
}

const cachedData = codeCache();
const script = new vm.Script(Module.wrap(bundle.toString('utf8')), { filename: file, cachedData });
if (process.env.SGTRAIL_DEBUG_START === '1') {
  process.stderr.write(`sgtrail: code cache ${cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used'}\n`);
}
const module_ = { exports: {}, filename: file, id: file, loaded: false };
script.runInThisContext()(module_.exports, Module.createRequire(file), module_, file, dist);
