// The upper tail probability of the standard normal, Q(z) = erfc(z / √2) / 2, for the NAB baseline
// and the anomaly-likelihood detector (W. J. Cody's rational erfc, relative error below 1e-15).

const P = [3.16112374387056560e0, 1.13864154151050156e2, 3.77485237685302021e2, 3.20937758913846947e3, 1.85777706184603153e-1];
const Q = [2.36012909523441209e1, 2.44024637934444173e2, 1.28261652607737228e3, 2.84423683343917062e3];
const C = [
  5.64188496988670089e-1, 8.88314979438837594e0, 6.61191906371416295e1, 2.98635138197400131e2, 8.81952221241769090e2,
  1.71204761263407058e3, 2.05107837782607147e3, 1.23033935479799725e3, 2.15311535474403846e-8,
];
const D = [1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2, 1.62138957456669019e3, 3.29079923573345963e3, 4.36261909014324716e3, 3.43936767414372164e3, 1.23033935480374942e3];
const R = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2];
const S = [2.56852019228982242e0, 1.87295284992346725e0, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3];
const SQRPI = 5.6418958354775628695e-1;

/** erfc(x) for x >= 0 (Cody 1969, three ranges). */
function erfcNonNegative(x: number): number {
  if (x < 0.5) {
    const y = x * x;
    let num = P[4] * y;
    let den = y;
    for (let i = 0; i < 3; i++) {
      num = (num + P[i]) * y;
      den = (den + Q[i]) * y;
    }
    return 1 - (x * (num + P[3])) / (den + Q[3]);
  }
  let r: number;
  if (x < 4) {
    let num = C[8] * x;
    let den = x;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * x;
      den = (den + D[i]) * x;
    }
    r = (num + C[7]) / (den + D[7]);
  } else {
    if (x > 26.6) return 0;
    const z = 1 / (x * x);
    let num = R[5] * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + R[i]) * z;
      den = (den + S[i]) * z;
    }
    r = (SQRPI - (z * (num + R[4])) / (den + S[4])) / x;
  }
  const xsq = Math.trunc(x * 16) / 16;
  const del = (x - xsq) * (x + xsq);
  return Math.exp(-xsq * xsq) * Math.exp(-del) * r;
}

/** erfc(x) for any real x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return x >= 0 ? erfcNonNegative(x) : 2 - erfcNonNegative(-x);
}

/** P(X > z) for a standard normal X. */
export function normalTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}
