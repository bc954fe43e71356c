import { Transform } from 'class-transformer';

/** Same shape as participant ids in the registry. */
export const PARTICIPANT_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** Gegevensdienst ids are numbers in MedMij's lists (e.g. 48, 51). */
export const GEGEVENSDIENST_ID = /^\d{1,6}$/;

/** Query parameters that may be repeated or comma separated: `?status=new,resolved` or `?status=new&status=resolved`. */
export function CommaList() {
  return Transform(({ value }: { value: unknown }) => {
    if (value === undefined) return undefined;
    const items = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
    return items.map((s) => s.trim()).filter(Boolean);
  });
}
