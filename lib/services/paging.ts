// Cursor pages of growing lists (GraphQL connections, dashboard lists): one page size rule and one cursor
// form for lists ordered by `_id`. Cursors are opaque to callers; a made-up one is a field error.
import { Types } from "mongoose";
import { ValidationError } from "@/lib/services/errors";

/** The most items one page may hold, in every list (README: GraphQL). */
export const MAX_PAGE_SIZE = 100;

export type TPageInput = { first?: number | null; after?: string | null };
/** A page of `items`, each with its cursor, and the whole list's size. */
export type TPage<T> = { items: T[]; cursors: string[]; hasNextPage: boolean; totalCount: number };

/** `first`: 1 to MAX_PAGE_SIZE, `fallback` when not given. */
export function pageSize(first: number | null | undefined, fallback: number): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new ValidationError(`first must be between 1 and ${MAX_PAGE_SIZE}.`, { first: [`must be between 1 and ${MAX_PAGE_SIZE}`] });
  }
  return first;
}

export function badCursor(): ValidationError {
  return new ValidationError("The cursor is not one this list gave.", { after: ["is not a cursor of this list"] });
}

export function idCursor(id: Types.ObjectId): string {
  return Buffer.from(`id|${id.toHexString()}`).toString("base64url");
}

export function parseIdCursor(cursor: string): Types.ObjectId {
  const [tag, hex] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (tag !== "id" || !hex || !/^[0-9a-f]{24}$/.test(hex)) throw badCursor();
  return new Types.ObjectId(hex);
}

/** Shapes `first + 1` rows read after the cursor into a page. */
export function pageOf<T extends { _id: Types.ObjectId }>(rows: T[], first: number, totalCount: number): TPage<T> {
  const items = rows.slice(0, first);
  return { items, cursors: items.map((r) => idCursor(r._id)), hasNextPage: rows.length > first, totalCount };
}
