/**
 * "What the public reads has changed": published items (publish, withdraw) and service centres. The server's page
 * snapshots (web-snapshot.ts) listen, so a guide or place page is never served from before the change by this
 * process. Listeners run after the change's transaction committed; one that throws is logged by its owner.
 */
export class PublicChanges {
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  notify(): void {
    for (const l of this.listeners) l();
  }
}
