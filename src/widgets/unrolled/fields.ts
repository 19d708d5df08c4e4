// The unrolled graph's URL state; a prose link (`#try/unrolled?T=8&t=3`) may
// set any of these fields.
export const UNROLLED_FIELDS = {
  T: { kind: 'number', default: 5, min: 2, max: 8, integer: true },
  t: { kind: 'number', default: 1, min: 1, max: 8, integer: true },
} as const;
