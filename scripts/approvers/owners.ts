/**
 * Whether someone is among the code owners of a path on a day: a `@user` owner is their handle, an
 * `@org/team` owner is a team the identity mapping says they were a member of that day, an email owner is
 * one of their addresses. The audit asks it of a merger; the trusted check asks it of a reviewer.
 */
import { type IdentityMap, type MappedPerson, normalizeHandle } from './identities.ts';

export interface Candidate {
  /** The mapped person, when the mapping knows them. */
  person: MappedPerson | undefined;
  handle: string | null;
  /** An address git recorded for them; null when only a handle is known (GitHub names handles). */
  email: string | null;
}

export function isAmongOwners(
  owners: readonly string[],
  candidate: Candidate,
  date: string,
  identities: IdentityMap,
): boolean {
  const { person, handle, email } = candidate;
  return owners.some((owner) => {
    if (owner.includes('/')) return person !== undefined && identities.isMember(person, owner, date);
    if (owner.startsWith('@')) return handle !== null && normalizeHandle(owner) === normalizeHandle(handle);
    const address = owner.toLowerCase();
    return (
      email?.toLowerCase() === address || (person?.emails.some((e) => e.toLowerCase() === address) ?? false)
    );
  });
}
