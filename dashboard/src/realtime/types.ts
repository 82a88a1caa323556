// Response types of /api/realtime, read from the server's route definitions (as api-types.ts
// does for the rest), so a change of the wire format is a type error here.
import type { ExtractSchema } from 'hono/types';
import type { AppType } from '../../../server/src/app.js';

type Schema = ExtractSchema<AppType>;
type Output<P extends keyof Schema, M extends string = '$get'> = Schema[P] extends { [K in M]: { output: infer O } } ? O : never;

export type RtProject = Output<'/api/realtime/projects/:id'>;
export type RtTariffCatalogue = Output<'/api/realtime/tariffs'>;
export type RtTariff = RtTariffCatalogue['tariffs'][number];
export type RtStats = Output<'/api/realtime/projects/:id/stats'>;
export type RtStatsDay = RtStats['days'][number];
export type RtPayment = Output<'/api/realtime/projects/:id/checkout', '$post'>;
/** Creation and rotation answer with the secret, once. */
export interface RtProjectWithSecret {
  project: RtProject;
  secret: string | null;
}
