// A persistent outbox for records (check-ins, absentee marks, questions, answers): each record
// keeps its client-generated id and stays in IndexedDB until the hub acknowledges it, so a
// dropped link, a page reload or a hub restart loses nothing (docs/hub.md "Outbox").

export interface OutboxRecord {
  id: string;
  method: string;
  payload: unknown;
  createdAt: number;
  attempts: number;
}

const STORE = "records";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export class Outbox {
  private constructor(private readonly db: IDBDatabase) {}

  /** One database per lesson and room/teacher, so two lessons on one PC never mix. */
  static async open(name: string): Promise<Outbox> {
    const open = indexedDB.open("classroom-outbox-" + name, 1);
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore(STORE, { keyPath: "id" });
      store.createIndex("createdAt", "createdAt");
    };
    return new Outbox(await request(open));
  }

  /** Adds a record; a second add of the same id keeps the first (ids are the idempotency key). */
  async add(method: string, payload: { id: string }): Promise<void> {
    const tx = this.db.transaction(STORE, "readwrite");
    const existing = await request(tx.objectStore(STORE).get(payload.id));
    if (!existing) {
      await request(tx.objectStore(STORE).put({ id: payload.id, method, payload, createdAt: Date.now(), attempts: 0 }));
    }
    await done(tx);
  }

  /** Pending records, oldest first. */
  async pending(): Promise<OutboxRecord[]> {
    const tx = this.db.transaction(STORE, "readonly");
    const all = await request(tx.objectStore(STORE).index("createdAt").getAll());
    return all as OutboxRecord[];
  }

  async count(): Promise<number> {
    const tx = this.db.transaction(STORE, "readonly");
    return request(tx.objectStore(STORE).count());
  }

  async remove(id: string): Promise<void> {
    const tx = this.db.transaction(STORE, "readwrite");
    tx.objectStore(STORE).delete(id);
    await done(tx);
  }

  async bumpAttempts(record: OutboxRecord): Promise<void> {
    const tx = this.db.transaction(STORE, "readwrite");
    tx.objectStore(STORE).put({ ...record, attempts: record.attempts + 1 });
    await done(tx);
  }
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** A random RFC 9562 v4 UUID (the hub stores ids as GUIDs). */
export function newId(): string {
  return crypto.randomUUID();
}
