#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx taskdesk` works straight after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/main.ts');
