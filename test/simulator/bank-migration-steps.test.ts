import { describe } from 'vitest';
import { BANK_SCHEMA } from '../support/migrated-databases.ts';
import { specifyMigrationSteps, type ReleasedStep } from '../support/migration-step-specs.ts';

/**
 * The bank's released steps. A step's hash is recorded here when it is added and never changed:
 * banks' databases ran the step as it was then.
 */
const RELEASED: readonly ReleasedStep[] = [
  ['0001-bank.ts', '2655327c32e73a07efd0b068c3abf1bdfd964a7fe6e7cf2761e53bc5e18bb0a6'],
  ['0002-ledger.ts', 'cb20530131fb95c578bebc894921bde401ef2ef5653f0c7eada3f122975e57cc'],
  ['0003-holdings.ts', '9ee917bfeaa58158418b780221426183db68993946ad6147a4681fb04058dd1c'],
  ['0004-consent-grant.ts', 'e45d85abfca3a8b62ce1f617da4b6bdee2bc6da55d2b821df96a8c464cc66672'],
  ['0005-dpop-jtis.ts', '0e8c412c26b210be668dd049f212331c212e481134183da515365fe2605adfb9'],
  ['0006-shared-state.ts', 'b2a75cca17b7fbedbfc8dbdcd7818831b292a6ee1bfb0e756332379d3cdce082'],
  ['0007-namespaces.ts', 'ce585adab07424eee241dbbee42c28cb1fe14cf624c8b7b569aa9c382f64d5d1'],
];

describe("the bank's migration steps (simulator/db/migrations/)", () => {
  specifyMigrationSteps(BANK_SCHEMA, RELEASED, 'test/simulator/bank-migration-steps.test.ts');
});
