// Worker-thread entry of the indexer's pool (indexer/workers/pool.ts). Plain JavaScript so
// that it starts under any parent (tsx CLI, node --import tsx, a test runner): it loads the
// TypeScript side through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker-main.ts', import.meta.url);
