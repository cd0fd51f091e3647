import { Type } from 'typebox';
import { Email, Id, Role, Timestamp } from '../schemas.js';

export const MemberView = Type.Object({
  id: Id,
  name: Type.String(),
  email: Email,
  role: Role,
  createdAt: Timestamp,
});

export const MemberList = Type.Object({ members: Type.Array(MemberView) });

export const MemberParams = Type.Object({ id: Id });
