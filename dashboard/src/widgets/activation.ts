// Switching a widget on or off. The server decides (tariff limits, consent links); a refusal
// comes back as an error the caller shows next to the switch.
import { api } from '../api.js';
import type { Widget } from '../api-types.js';

export const setActive = (id: string, active: boolean) => api<Widget>('PATCH', `/widgets/${id}`, { active });
