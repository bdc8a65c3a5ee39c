import type { Child } from 'hono/jsx'

/** A column heading; number columns align right. */
export interface Column {
  label: string
  number?: boolean
}

/** A table that scrolls sideways inside its card on narrow screens instead of widening the page. */
export function ScrollTable({ columns, children }: { columns: Column[]; children: Child }) {
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th class={column.number ? 'number' : undefined}>{column.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
