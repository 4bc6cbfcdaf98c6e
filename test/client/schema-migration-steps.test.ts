import { describe } from 'vitest';
import { APP_SCHEMA } from '../support/migrated-databases.ts';
import { specifyMigrationSteps, type ReleasedStep } from '../support/migration-step-specs.ts';

/**
 * The desktop app's released steps. A step's hash is recorded here when it is added and never
 * changed: users' databases ran the step as it was then.
 */
const RELEASED: readonly ReleasedStep[] = [
  ['0001-connections.ts', '5ade8a9f500a50cb73cdede2ddac518c6d3233cb778db9cb9a2d39486cac5991'],
  ['0002-folded-remarks.ts', 'e197f02bbaa630cc2eeaa5692006c2172b920526a0648137e23228d0a6775512'],
  ['0003-settings.ts', 'f51919b828b49aa334aef762416eb8babf83cce43deb60bbfff5dad19733ecd4'],
  ['0004-refold-dashes.ts', '2e008010d13936a1fc297387f40fbec957823658ef219360298a7a92164e0c63'],
  ['0005-other-banks.ts', '334feeb72e6deeb3af6d9f91d21ba5fb591180c45e67db543ab509ab4f7e0a5a'],
  ['0006-arrival-order.ts', '4ac6b8f101123d14b946719890c75ccc2420787147ffe1bad834a7593cea158e'],
  ['0007-remarks-search.ts', '19857b7610b542aa1a391b386e7ef26ba2d8ae88f8f1e89272214ec8734afa0a'],
  ['0008-statement-totals.ts', '78ee07005bc3b2f895b07ed6fd04c7036fabd56950aca67381af3824b9e97b24'],
  ['0009-books.ts', '785d4073538f0ee7139fc54df1e831524f8b02e6e857350ac54bd68a08cae8eb'],
  ['0010-books-queue.ts', '8c129298c12fd03fcc6fc08f68e64088d5a58753c6c83a04d3ecf15b959151ab'],
  ['0011-review-leaves-queue.ts', '363f145eb151137d6834968b9f7ca3bd83a476806a8df96b40e657a3e6d22ab6'],
  ['0012-totals-by-filter.ts', 'c9d7cf5cc758f43543c1aa7963810cd482148b92b1f59514f419570f38f6c58c'],
  ['0013-day-columns.ts', '2b084b434986ac987d43f93c8dcf8fb5bee166affdc3d504f6908d72186e329b'],
  [
    '0014-fiscal-year-and-bank-sub-titles.ts',
    '1a48619e33f627702a361efb12e7454798f4a80e7544c6f5d4708030f329dc1c',
  ],
  ['0015-key-protected.ts', '3b4f37bf7ac6d86d0e9505f95a11738ae5accfe7785ff9f8a381e94398e59d41'],
  [
    '0016-compound-entries-with-history.ts',
    '175d88f62e00c516904d71f34c69c4260db8a3ad69cfaa2e9f3181dba0be3c85',
  ],
  ['0017-counterparties.ts', 'e2c661c28a54586107e715fcb88b5142ab4d4ad4c3d39dc6dc716a88021f0512'],
  ['0018-books-reports.ts', 'fb5d6f99014aecba5d8bfd86649e597b37ef84f3a8d491e33cd441625100b353'],
  ['0019-books-whose-and-chart.ts', '3c826e61b9cac4e63b1f53a5ede78accc8c8fe8ddd88ca385fc531db63397784'],
  ['0020-settlements-and-rule-lines.ts', 'e18856fd1cd34b3317845642bbbb9b0b85fe798135764f90d780672128b1a652'],
  ['0021-background-tasks.ts', 'a90a7d163f78747edbaf2a4a0fd550267fd4728477c708d5f69b780765db9a6c'],
  ['0022-title-day-totals.ts', '59c424c9b4049a89ec3fe2468a232cad9cc240b5676d85fcbe870489429c6d64'],
  [
    '0023-entry-finder-and-counterparty-balances.ts',
    '36ca87e8e49dafc4647dc77fb1d7d8a09a8d23d36b8332ff96aeed4249dbacff',
  ],
];

describe("the desktop app's migration steps (main/store/migrations/)", () => {
  specifyMigrationSteps(APP_SCHEMA, RELEASED, 'test/client/schema-migration-steps.test.ts');
});
