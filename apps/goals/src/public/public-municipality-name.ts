import { NotFoundException } from '@nestjs/common';
import { findMunicipality } from '@pejling/domain-kernel';

/** The municipality's code and name; one that is unknown or has no public plan is a 404, worded the same (nothing is learnt of non-public plans). */
export function publicMunicipality(code: string, hasPublicPlan: boolean): { code: string; name: string } {
  const known = findMunicipality(code);
  if (!known || !hasPublicPlan) throw new NotFoundException(`No public plans for municipality ${code}.`);
  return { code: known.code, name: known.name };
}
