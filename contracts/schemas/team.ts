// The team API: invitations by e-mail, and which team a signed-in person works in.
import { z } from 'zod';
import { INVITABLE_ROLES } from '../core/team.js';

export const teamInviteSchema = z
  .object({
    email: z.string().trim().toLowerCase().max(254).email(),
    role: z.enum(INVITABLE_ROLES),
  })
  .strict();

/** null: back to one's own account. */
export const teamSwitchSchema = z.object({ accountId: z.string().min(1).max(64).nullable() }).strict();
