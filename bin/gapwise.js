#!/usr/bin/env node
// The `gapwise` command. The code is TypeScript run through tsx (no build
// step): register tsx's loader, then hand over to server/cli/gapwise.ts.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/gapwise.ts');
