#!/usr/bin/env node
// The `wasl` command: TypeScript sources run directly through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
