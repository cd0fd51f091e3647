import { Type } from 'typebox';
import { RangeBound } from '../schemas.js';

export const EventsCsvQuery = Type.Object({
  from: RangeBound('Events at or after this'),
  to: RangeBound('Events before this'),
});
