import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set in the `postgres` project: the throwaway cluster its banks and contract suite use. */
    bankPostgresUrl: string;
  }
}

/** One cluster for the whole `postgres` project; each bank in it gets a database of its own. */
export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPostgresCluster();
  project.provide('bankPostgresUrl', cluster.url);
  return () => cluster.stop();
}
