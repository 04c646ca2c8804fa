import type { Principal } from '../principal';
import { matchesRequest, type RequestFilter } from './requestMatch';

export interface CallRecord {
  method: string;
  path: string;
  /** The query string without `?`. */
  query: string;
  principal: Principal;
  /** 0 when the connection was reset without an answer. */
  status: number;
  requestBody: unknown;
  at: number;
}

/** Every request the simulator answered, for tests to count and inspect calls. */
export class CallLog {
  readonly records: CallRecord[] = [];

  add(record: CallRecord): void {
    this.records.push(record);
  }

  filter(filter: RequestFilter = {}): CallRecord[] {
    return this.records.filter((record) => matchesRequest(filter, record.method, record.path, record.principal));
  }

  count(filter: RequestFilter = {}): number {
    return this.filter(filter).length;
  }

  clear(): void {
    this.records.length = 0;
  }
}
