const NOT_YET = Symbol('not yet');

/**
 * Group commit for a stream of pages: yields batches of the items an async source produces, fetching the next item
 * while the caller stores the current batch, and putting every item that has already arrived into the same batch
 * (up to maxWeight). A slow platform gives batches of one page (each stored as soon as it arrives, as before); a
 * fast one (a bulk first sync, an import) gives big batches, stored in far fewer transactions — a commit rewrites
 * every B-tree page it touched, so a hundred small commits cost several times one large one.
 *
 * An error from the source is raised only after the items that arrived before it were yielded, so everything
 * fetched before a failure is still stored.
 */
export async function* prefetchBatches<T>(source: AsyncIterable<T>, weight: (item: T) => number, maxWeight: number): AsyncGenerator<T[]> {
  const it = source[Symbol.asyncIterator]();
  let finished = false;
  const pull = () => {
    const p = it.next();
    p.catch(() => {}); // handled where it is awaited; this only keeps it from counting as unhandled meanwhile
    return p;
  };
  let next = pull();
  try {
    for (;;) {
      const first = await next;
      if (first.done) {
        finished = true;
        return;
      }
      const batch = [first.value];
      let w = weight(first.value);
      next = pull();
      let failure: { error: unknown } | null = null;
      while (w < maxWeight) {
        // A macrotask turn lets whatever already arrived (in memory, or an HTTP response read) settle first.
        let r: IteratorResult<T> | typeof NOT_YET;
        try {
          r = await Promise.race([next, new Promise<typeof NOT_YET>((resolve) => setImmediate(() => resolve(NOT_YET)))]);
        } catch (error) {
          failure = { error };
          break;
        }
        if (r === NOT_YET) break;
        if (r.done) {
          finished = true;
          yield batch;
          return;
        }
        batch.push(r.value);
        w += weight(r.value);
        next = pull();
      }
      yield batch;
      if (failure) {
        finished = true; // the source threw: it is closed already
        throw failure.error;
      }
    }
  } finally {
    // Stopped early (a cancel): close the source without waiting for a fetch still in flight to finish.
    if (!finished) void it.return?.(undefined)?.catch(() => {});
  }
}
