// Container and artifact ids handed out from blocks reserved in advance, so an ingestion needs
// no round trip of its own to learn its ids (the audit row's hash covers them, and it is written
// in the same statement as the container). Each process reserves its own blocks from the
// PostgreSQL sequences, so ids stay unique across nodes; ids of a block not used before a
// restart are simply skipped, as sequence values of rolled-back inserts are.
import { sql } from "../db/sql";

const BLOCK = 500;

class IdBlocks {
  private ids: number[] = [];
  private refill: Promise<void> | null = null;

  constructor(private readonly sequence: string) {}

  async take(n: number): Promise<number[]> {
    while (this.ids.length < n) {
      this.refill ??= sql<{ id: number }>(
        `vigil_ids_${this.sequence}`,
        `select nextval('${this.sequence}')::int as id from generate_series(1, $1::int)`,
        [Math.max(BLOCK, n)],
      )
        .then((rows) => void this.ids.push(...rows.map((r) => r.id)))
        .finally(() => (this.refill = null));
      await this.refill;
    }
    return this.ids.splice(0, n);
  }
}

const holder = globalThis as unknown as { vigilIdBlocks?: { containers: IdBlocks; artifacts: IdBlocks } };

export function idBlocks() {
  return (holder.vigilIdBlocks ??= { containers: new IdBlocks("containers_id_seq"), artifacts: new IdBlocks("artifacts_id_seq") });
}
