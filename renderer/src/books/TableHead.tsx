/**
 * The head of a books table (仕訳帳, a history, 元帳, 試算表, 期首残高, 残高照合): its text columns,
 * then its amount columns, right-aligned as their figures are, then the text columns after them.
 */
export function TableHead({
  text,
  amounts = [],
  after = [],
}: {
  text: readonly string[];
  amounts?: readonly string[];
  after?: readonly string[];
}) {
  return (
    <thead>
      <tr>
        {text.map((label) => (
          <th key={label} scope="col">
            {label}
          </th>
        ))}
        {amounts.map((label) => (
          <th key={label} scope="col" className="num">
            {label}
          </th>
        ))}
        {after.map((label) => (
          <th key={label} scope="col">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
