export const ROLES = ['patient', 'doctor', 'front_desk', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Which sign-in door a person used: patients at the kiosk or at home, everyone else at the clinic. */
export const PORTALS = ['patient', 'clinic'] as const;
export type Portal = (typeof PORTALS)[number];

export function portalAdmits(portal: Portal, roles: readonly Role[]): boolean {
  return portal === 'patient' ? roles.includes('patient') : roles.some((r) => r !== 'patient');
}
