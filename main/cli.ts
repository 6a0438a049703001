#!/usr/bin/env node
import { main } from './cli/program.js';

const code = await main(process.argv);
// serve keeps running (its listeners hold the loop open); other commands end here.
if (code !== 0) process.exit(code);
