import { GenericMapping, type ImportPreset } from '../../shared/contract/imports.js';
import { AppError } from '../../shared/errors.js';
import type { DB } from '../store/db.js';

interface Row {
  id: number;
  name: string;
  mapping: string;
  created_at: number;
  updated_at: number;
}

const toPreset = (r: Row): ImportPreset => ({ id: r.id, name: r.name, mapping: GenericMapping.parse(JSON.parse(r.mapping)), createdAt: r.created_at, updatedAt: r.updated_at });

/** Saved generic column mappings ("our ERP's export", "the wholesale sheet"), by unique name. */
export class PresetStore {
  constructor(private readonly db: DB) {}

  list(): ImportPreset[] {
    return (this.db.prepare('SELECT * FROM import_presets ORDER BY name').all() as Row[]).map(toPreset);
  }

  get(id: number): ImportPreset {
    const r = this.db.prepare('SELECT * FROM import_presets WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw new AppError('not_found', `import preset ${id} does not exist`, { presetId: id });
    return toPreset(r);
  }

  save(input: { id?: number; name: string; mapping: GenericMapping }, now: number): ImportPreset {
    const mapping = JSON.stringify(GenericMapping.parse(input.mapping));
    const clash = this.db.prepare('SELECT id FROM import_presets WHERE name = ?').get(input.name) as { id: number } | undefined;
    if (clash && clash.id !== input.id) throw new AppError('conflict', `a preset named "${input.name}" already exists`, { field: 'name' });
    if (input.id !== undefined) {
      const r = this.db.prepare('UPDATE import_presets SET name = ?, mapping = ?, updated_at = ? WHERE id = ?').run(input.name, mapping, now, input.id);
      if (r.changes === 0) throw new AppError('not_found', `import preset ${input.id} does not exist`, { presetId: input.id });
      return this.get(input.id);
    }
    const id = Number(this.db.prepare('INSERT INTO import_presets (name, mapping, created_at, updated_at) VALUES (?, ?, ?, ?)').run(input.name, mapping, now, now).lastInsertRowid);
    return this.get(id);
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM import_presets WHERE id = ?').run(id).changes > 0;
  }
}
