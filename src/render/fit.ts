/**
 * Fitting a table into the terminal's width. Each column has a natural width (its widest cell)
 * and a floor it may be cut down to; the columns that may shrink give way in the order given,
 * free text first, until the table fits (borders: three characters a column, and one). A floor
 * of 0 lets a column be left out altogether (width 0). Columns with no floor (an address, a
 * verdict) are never cut.
 */
export interface FitColumn {
  natural: number;
  /** The narrowest this column may become; undefined: never narrower than its natural width. */
  floor?: number;
  /** Lower gives way first. */
  order?: number;
  /** When shrinking is not enough, the column may be left out; lower goes first. */
  dropOrder?: number;
}

/** The width of each column so that the table fits in `width` where it can. */
export function fitColumns(columns: readonly FitColumn[], width: number): number[] {
  const widths = columns.map((c) => c.natural);
  const total = () => widths.reduce((n, w) => (w === 0 ? n : n + w + 3), 1);
  const shrinkable = columns
    .map((c, i) => ({ i, order: c.order ?? 0, floor: c.floor }))
    .filter((c): c is { i: number; order: number; floor: number } => c.floor !== undefined)
    .sort((a, b) => a.order - b.order);
  for (const c of shrinkable) {
    const over = total() - width;
    if (over <= 0) break;
    // A column that may go goes whole (its borders are freed too); others shrink to their floor.
    widths[c.i] = c.floor === 0 ? 0 : Math.max(c.floor, (widths[c.i] as number) - over);
  }
  const droppable = columns
    .map((c, i) => ({ i, order: c.dropOrder }))
    .filter((c): c is { i: number; order: number } => c.order !== undefined)
    .sort((a, b) => a.order - b.order);
  for (const c of droppable) {
    if (total() <= width) break;
    widths[c.i] = 0;
  }
  return widths;
}
