/** The URL's search parameters with `changes` applied: a value sets its name, null or '' removes it. */
export function changedParams(params: URLSearchParams, changes: Record<string, string | null>): URLSearchParams {
  const p = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v) p.set(k, v);
    else p.delete(k);
  }
  return p;
}
