import type { AccountGroup, ConnectionView } from '../../../shared/ipc/contract.ts';
import { formatBaseDateTime, formatDateTime, formatYen } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';
import { ReconcileNotice } from './ReconcileNotice.tsx';
import { accountSyncResult } from './sync-result.ts';

/**
 * 口座: the accounts by link — bank, channel and customer over each group — with each account's
 * balance, when the bank struck it and its last sync, and a total per group, never one that adds a
 * person's private account to a company's. A disconnected link's accounts are marked and have no
 * total. A row opens that account's 明細. Below, the accounts whose balance the books do not
 * explain (残高照合).
 */
export function AccountsScreen({
  groups,
  connections,
  onOpen,
  dataVersion,
  onOpenReconciliation,
}: {
  groups: AccountGroup[];
  connections: ConnectionView[];
  onOpen(accountId: string): void;
  dataVersion: number;
  onOpenReconciliation(): void;
}) {
  const { t } = useWords();
  return (
    <section className="panel" aria-labelledby="accounts-heading">
      <h2 id="accounts-heading">{t('accounts.heading')}</h2>
      {groups.map((group) => (
        <AccountGroupTable
          key={group.connectionId}
          group={group}
          connection={connections.find((c) => c.id === group.connectionId)}
          onOpen={onOpen}
        />
      ))}
      <ReconcileNotice dataVersion={dataVersion} onOpen={onOpenReconciliation} />
    </section>
  );
}

function AccountGroupTable({
  group,
  connection,
  onOpen,
}: {
  group: AccountGroup;
  connection: ConnectionView | undefined;
  onOpen(accountId: string): void;
}) {
  const { t, lang, channelName, accountType } = useWords();
  const disconnected = group.status === 'disconnected';
  const headingId = `group-${group.connectionId}`;
  return (
    <div
      className={`account-group${disconnected ? ' disconnected' : ''}`}
      data-testid="account-group"
      data-connection={group.connectionId}
    >
      <h3 id={headingId} className="group-head">
        <span className="bank-name">{group.bankName}</span>
        <span className="channel">{channelName(group.channel)}</span>
        <span className="holder">{group.holderNames.join('・')}</span>
        {disconnected && <span className="badge badge-disconnected">{t('links.status.disconnected')}</span>}
      </h3>
      {disconnected && <p className="hint">{t('accounts.disconnectedNote')}</p>}
      <div className="table-scroll">
        <table className="accounts" data-testid="accounts-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t('accounts.branch')}</th>
              <th scope="col">{t('accounts.type')}</th>
              <th scope="col">{t('accounts.number')}</th>
              {/* The holder is over the group already: a narrow window leaves this column out. */}
              <th scope="col" className="holder-col">
                {t('accounts.name')}
              </th>
              <th scope="col" className="num">
                {t('accounts.balance')}
              </th>
              <th scope="col">{t('accounts.baseDateTime')}</th>
              <th scope="col">{t('accounts.lastSync')}</th>
              <th scope="col" className="num">
                {t('accounts.transactions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {group.accounts.map((a) => (
              <tr
                key={a.id}
                className="account-row"
                data-testid="account-row"
                tabIndex={0}
                title={t('accounts.openStatements')}
                onClick={() => onOpen(a.id)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') onOpen(a.id);
                }}
              >
                <td>{a.branchName}</td>
                <td>{accountType(a.accountTypeName)}</td>
                <td className="mono">
                  {a.maskedNumber}
                  {/* Beside the number, which an 800 px window keeps (the holder column it hides). */}
                  {a.inBooks === false && (
                    <span className="badge badge-out-of-books">{t('accounts.outOfBooks')}</span>
                  )}
                </td>
                <td className="holder-col">{a.accountName}</td>
                <td className="num">
                  {a.balance === undefined ? t('common.none') : formatYen(a.balance, lang)}
                </td>
                <td>
                  {a.balanceBaseDate
                    ? formatBaseDateTime(a.balanceBaseDate, a.balanceBaseTime, lang)
                    : t('common.none')}
                </td>
                <td>
                  <SyncResult result={accountSyncResult(a, connection)} />
                </td>
                <td className="num">{t('accounts.items', { count: a.transactionCount })}</td>
              </tr>
            ))}
          </tbody>
          {group.total !== undefined && (
            <tfoot>
              <tr data-testid="accounts-total">
                <th scope="row" colSpan={3}>
                  {t('accounts.groupTotal')}
                </th>
                <td className="holder-col"></td>
                <td className="num total">{formatYen(group.total, lang)}</td>
                <td colSpan={3}></td>
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </div>
  );
}

function SyncResult({ result }: { result: ReturnType<typeof accountSyncResult> }) {
  const { t, lang, errorText } = useWords();
  if (!result) return <>{t('accounts.neverSynced')}</>;
  return (
    <>
      {formatDateTime(result.at, lang)}
      <span className={result.error ? 'result result-error' : 'result result-ok'}>
        {result.error ? errorText(result.error.code) : t('accounts.syncOk')}
      </span>
    </>
  );
}
