// Proof, at compile time, that a schema validates exactly the plain type core/ declares: the
// embed imports the core types (no zod), the server validates with the schemas, and a field
// added to one side only is a type error here rather than a silent drift.
export type Matches<Schema, Core> = [Schema] extends [Core] ? ([Core] extends [Schema] ? true : false) : false;
/** `type _ = Proven<Matches<A, B>>` fails to compile unless A and B match. */
export type Proven<T extends true> = T;
