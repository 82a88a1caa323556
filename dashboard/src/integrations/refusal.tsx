// A refused integration action, inline: a destination the tariff lacks names the tariff that
// has it; anything else (a refused address says which rule it broke) is an error box.
import { UpgradeHint } from '../tariff/upgrade-hint.js';
import { ErrorBox } from '../ui/bits.js';
import { refusalOf } from '../ui/errors.js';

export function IntegrationRefusal({ error }: { error: unknown }) {
  const refusal = refusalOf(error);
  return refusal ? <UpgradeHint refusal={refusal} /> : <ErrorBox error={error} />;
}
