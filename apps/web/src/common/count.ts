/** A list's total as people read it: "10,000+" when the server stopped counting (totalCountCapped). */
export function totalOf(page: { totalCount: number; totalCountCapped?: boolean | null }): number | string {
  return page.totalCountCapped ? `${page.totalCount.toLocaleString('en')}+` : page.totalCount;
}
