import { z } from 'zod';

/** The `cursor` query parameter of keyset-paginated lists: an opaque base64url token from a previous page. */
export const pageCursor = z.string().regex(/^[\w-]{1,512}$/, 'must be a cursor from a previous page').optional();
