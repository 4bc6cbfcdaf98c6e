import type { AccountGroup, AccountView, ConnectionView } from '../../shared/ipc/contract.ts';

/**
 * 口座 by link: each connection's accounts under its bank, channel and customer (the accounts'
 * holder names), with the total of that group alone — a person's private account is never added to
 * a company's. A disconnected link's accounts (data kept) are a group of their own with no live
 * total: their balances are as they were on the day the link ended. Groups come by bank, then
 * channel, then link date; pure, so that the screen's grouping is tested apart from SQLite.
 */
export function groupAccounts(
  accounts: readonly AccountView[],
  connections: readonly ConnectionView[],
): AccountGroup[] {
  const byConnection = new Map<string, AccountView[]>();
  for (const account of accounts) {
    const list = byConnection.get(account.connectionId) ?? [];
    list.push(account);
    byConnection.set(account.connectionId, list);
  }
  const order = [...connections].sort(
    (a, b) =>
      a.bankName.localeCompare(b.bankName, 'ja') ||
      a.channel.localeCompare(b.channel) ||
      a.linkedAt.localeCompare(b.linkedAt),
  );
  return order.map((connection) => {
    const members = byConnection.get(connection.id) ?? [];
    const live = connection.status !== 'disconnected';
    return {
      connectionId: connection.id,
      bankName: connection.bankName,
      channel: connection.channel,
      status: connection.status,
      holderNames: [...new Set(members.map((a) => a.accountName))],
      accounts: members,
      ...(live ? { total: members.reduce((sum, a) => sum + (a.balance ?? 0), 0) } : {}),
    };
  });
}
