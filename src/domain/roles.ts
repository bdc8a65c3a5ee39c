import type { Pillar, Role } from '../db/schema.ts'

/** What an account may do, by role: reporters file in a village; reviewers and admins oversee. */
export const ROLES: Role[] = ['reporter', 'reviewer', 'admin']

/** The three pillars of Sinergitas Tiga Pilar: local government, the TNI and the Polri. */
export const PILLARS: Pillar[] = ['government', 'military', 'police']
