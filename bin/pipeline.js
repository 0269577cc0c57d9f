#!/usr/bin/env node
// The compiled CLI lives in dist/; `npm install` builds it (prepare script).
import '../dist/runner/cli.js';
