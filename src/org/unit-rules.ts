import { mayHaveParent, type CommunityType, type UnitKind } from '../../workflows/org/unit-kinds.js';
import { OrgError, OrgErrorCode } from './org-error.js';

/** Throws when a unit of `kind` may not sit under `parentKind` (null: as a root) with that community type. */
export const assertPlacement = ({
  kind,
  parentKind,
  communityType,
}: {
  kind: UnitKind;
  parentKind: UnitKind | null;
  communityType: CommunityType | null;
}): void => {
  if (!mayHaveParent(kind, parentKind)) throw new OrgError(OrgErrorCode.KindNotAllowedHere, parentKind === null ? 'kind' : 'parentId');
  if (kind === 'community' && communityType === null) throw new OrgError(OrgErrorCode.CommunityTypeRequired, 'communityType');
  if (kind !== 'community' && communityType !== null) throw new OrgError(OrgErrorCode.CommunityTypeNotAllowed, 'communityType');
};

/** The materialised path of a unit: its parent's path (or `/` for a root) followed by its own id. */
export const childPath = (parentPath: string | null, id: string): string => `${parentPath ?? '/'}${id}/`;
