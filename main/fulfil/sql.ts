/** A LIKE prefix pattern with the user's own % and _ taken literally (use with ESCAPE '\'). */
export const likePrefix = (s: string): string => `${escapeLike(s)}%`;
export const likeAnywhere = (s: string): string => `%${escapeLike(s)}%`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A WHERE clause built from optional filters; values always go as parameters. */
export class Where {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  /** "WHERE a AND b", or '' when no filter was added. */
  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}
