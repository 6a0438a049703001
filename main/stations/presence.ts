/** Which stations have an open connection right now (for the owner's station list). */
export class Presence {
  private counts = new Map<number, number>();
  /** Called when a station comes online or goes offline (not for a station's second window). */
  constructor(private readonly onChange: () => void = () => {}) {}

  join(stationId: number): () => void {
    const before = this.counts.get(stationId) ?? 0;
    this.counts.set(stationId, before + 1);
    if (before === 0) this.onChange();
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const n = (this.counts.get(stationId) ?? 1) - 1;
      if (n <= 0) {
        this.counts.delete(stationId);
        this.onChange();
      } else this.counts.set(stationId, n);
    };
  }

  online(): ReadonlySet<number> {
    return new Set(this.counts.keys());
  }
}
