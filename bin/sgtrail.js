#!/usr/bin/env node
import "../dist/sgtrail.mjs";
