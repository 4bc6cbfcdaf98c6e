import type { AccountView } from '../../../shared/ipc/contract.ts';
import { yen } from '../format.ts';

/** 口座: every linked account with its balance and when the bank struck it, and the total. */
export function AccountsTable({ accounts }: { accounts: AccountView[] }) {
  const total = accounts.reduce((sum, a) => sum + (a.balance ?? 0), 0);
  return (
    <section className="panel">
      <h2>口座残高</h2>
      <table className="accounts">
        <thead>
          <tr>
            <th>金融機関</th>
            <th>支店</th>
            <th>種別</th>
            <th>口座番号</th>
            <th>名義</th>
            <th className="num">残高</th>
            <th>基準日時</th>
            <th className="num">明細</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id}>
              <td>{a.bankName}</td>
              <td>{a.branchName}</td>
              <td>{a.accountTypeName}</td>
              <td>{a.maskedNumber}</td>
              <td>{a.accountName}</td>
              <td className="num">{a.balance === undefined ? '—' : yen(a.balance)}</td>
              <td>{a.balanceBaseDate ? `${a.balanceBaseDate} ${a.balanceBaseTime ?? ''}` : '—'}</td>
              <td className="num">{a.transactionCount.toLocaleString('ja-JP')}件</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={5}>合計</th>
            <td className="num total">{yen(total)}</td>
            <td colSpan={2}></td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
