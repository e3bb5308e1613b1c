// Entry of the isolated reader's child process (indexer/workers/reader.ts). Plain JavaScript so
// that it starts under any parent (tsx CLI, node --import tsx, a test runner) and from any
// working directory: it loads the TypeScript side through tsx's API, resolved from here.
import { tsImport } from 'tsx/esm/api';

await tsImport('./read-child-main.ts', import.meta.url);
