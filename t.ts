import { createDatabase } from './server/platform/db.ts';
import { migrateToLatest } from './server/platform/migrate.ts';
let t = performance.now();
const d = await createDatabase({ engine: 'pglite' });
console.log('create', performance.now() - t); t = performance.now();
await migrateToLatest(d.db);
console.log('migrate', performance.now() - t); t = performance.now();
const pg = (d as any);
