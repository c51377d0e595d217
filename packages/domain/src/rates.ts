/** Rate formulas of the dashboards (GLOSSARY.md). A rate over nothing is null ("no data"), never 0 or 100%. */
export function rate(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return numerator / denominator;
}
