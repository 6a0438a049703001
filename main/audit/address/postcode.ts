/**
 * Postcode formats of the countries ShopDesk sellers ship to most. A country not listed is not judged (a wrong
 * pattern would stop good orders). `required`: a parcel there cannot be labelled without one.
 */
const FORMATS: Readonly<Record<string, { re: RegExp; example: string; required: boolean }>> = {
  CN: { re: /^\d{6}$/, example: '310000', required: false },
  US: { re: /^\d{5}(?:-\d{4})?$/, example: '95112 or 95112-1234', required: true },
  CA: { re: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i, example: 'K1A 0B1', required: true },
  GB: { re: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i, example: 'SW1A 1AA', required: true },
  DE: { re: /^\d{5}$/, example: '10115', required: true },
  FR: { re: /^\d{5}$/, example: '75001', required: true },
  IT: { re: /^\d{5}$/, example: '20121', required: true },
  ES: { re: /^\d{5}$/, example: '28001', required: true },
  JP: { re: /^\d{3}-?\d{4}$/, example: '100-0001', required: true },
  AU: { re: /^\d{4}$/, example: '2000', required: true },
};

/** The postcode's problem for `country` (ISO 3166 alpha-2), or null. */
export function postcodeProblem(postcode: string | null, country: string): string | null {
  const f = FORMATS[country];
  if (!f) return null;
  const p = postcode?.normalize('NFKC').trim() ?? '';
  if (p === '') return f.required ? `postcode is missing (required for ${country})` : null;
  return f.re.test(p) ? null : `postcode '${p}' is not a ${country} postcode (like ${f.example})`;
}
