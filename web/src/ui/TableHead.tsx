/** A column heading; `num` ones (counts, money) line up at the end like their cells. */
export type Column = string | { label: string; num: true };

/**
 * A table's row of column headings. `actions` names a last column of row buttons for screen
 * readers only: its buttons say what they do, a visible heading would repeat it.
 */
export function TableHead({ cols, actions }: { cols: Column[]; actions?: string }) {
  return (
    <thead>
      <tr>
        {cols.map((c, i) =>
          typeof c === 'string' ? (
            <th key={i} scope="col">
              {c}
            </th>
          ) : (
            <th key={i} scope="col" className="num">
              {c.label}
            </th>
          ),
        )}
        {actions !== undefined && (
          <th scope="col">
            <span className="visually-hidden">{actions}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
