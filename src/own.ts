// Tables keyed by strings that come from a user's file, settings or command line. There
// `__proto__`, `constructor` and `toString` are ordinary names, so a plain `table[key]` would
// read Object.prototype and `table[key] = v` would set a prototype: these read and write own
// properties only. (Fixed tables of our own are Maps; this is for records that cross JSON.)

/** `table[key]` when the table itself holds it. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Sets `table[key]` as an own property, whatever the key. */
export function setOwn<T>(table: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(table, key, { value, enumerable: true, writable: true, configurable: true });
}
