// The upper tail of the standard normal, Q(z) = erfc(z / √2) / 2: W. J. Cody's rational erfc, the same
// operations in the same order as src/analysis/nab/gaussian-tail.ts (and V8's exp), so both agree bitwise.
import { fdlibmExp } from './fdlibm';

const SQRPI: f64 = 5.6418958354775628695e-1;

/** erfc(x) for x >= 0 (Cody 1969, three ranges; x > 26.6 underflows to 0). */
function erfcNonNegative(x: f64): f64 {
  if (x < 0.5) {
    const y = x * x;
    let num = 1.85777706184603153e-1 * y;
    let den = y;
    num = (num + 3.16112374387056560e0) * y;
    den = (den + 2.36012909523441209e1) * y;
    num = (num + 1.13864154151050156e2) * y;
    den = (den + 2.44024637934444173e2) * y;
    num = (num + 3.77485237685302021e2) * y;
    den = (den + 1.28261652607737228e3) * y;
    return 1 - (x * (num + 3.20937758913846947e3)) / (den + 2.84423683343917062e3);
  }
  let r: f64;
  if (x < 4) {
    let num = 2.15311535474403846e-8 * x;
    let den = x;
    num = (num + 5.64188496988670089e-1) * x;
    den = (den + 1.57449261107098347e1) * x;
    num = (num + 8.88314979438837594e0) * x;
    den = (den + 1.17693950891312499e2) * x;
    num = (num + 6.61191906371416295e1) * x;
    den = (den + 5.37181101862009858e2) * x;
    num = (num + 2.98635138197400131e2) * x;
    den = (den + 1.62138957456669019e3) * x;
    num = (num + 8.81952221241769090e2) * x;
    den = (den + 3.29079923573345963e3) * x;
    num = (num + 1.71204761263407058e3) * x;
    den = (den + 4.36261909014324716e3) * x;
    num = (num + 2.05107837782607147e3) * x;
    den = (den + 3.43936767414372164e3) * x;
    r = (num + 1.23033935479799725e3) / (den + 1.23033935480374942e3);
  } else {
    if (x > 26.6) return 0;
    const z = 1 / (x * x);
    let num = 1.63153871373020978e-2 * z;
    let den = z;
    num = (num + 3.05326634961232344e-1) * z;
    den = (den + 2.56852019228982242e0) * z;
    num = (num + 3.60344899949804439e-1) * z;
    den = (den + 1.87295284992346725e0) * z;
    num = (num + 1.25781726111229246e-1) * z;
    den = (den + 5.27905102951428412e-1) * z;
    num = (num + 1.60837851487422766e-2) * z;
    den = (den + 6.05183413124413191e-2) * z;
    r = (SQRPI - (z * (num + 6.58749161529837803e-4)) / (den + 2.33520497626869185e-3)) / x;
  }
  const xsq = Math.trunc(x * 16) / 16;
  const del = (x - xsq) * (x + xsq);
  return fdlibmExp(-xsq * xsq) * fdlibmExp(-del) * r;
}

/** P(X > z) for a standard normal X (NaN for NaN). */
export function normalTail(z: f64): f64 {
  if (z != z) return NaN;
  const x = z / Math.SQRT2;
  return 0.5 * (x >= 0 ? erfcNonNegative(x) : 2 - erfcNonNegative(-x));
}
