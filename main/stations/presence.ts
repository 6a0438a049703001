/** Which stations have an open connection right now (for the owner's station list). */
export class Presence {
  private counts = new Map<number, number>();

  join(stationId: number): () => void {
    this.counts.set(stationId, (this.counts.get(stationId) ?? 0) + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const n = (this.counts.get(stationId) ?? 1) - 1;
      if (n <= 0) this.counts.delete(stationId);
      else this.counts.set(stationId, n);
    };
  }

  online(): ReadonlySet<number> {
    return new Set(this.counts.keys());
  }
}
