package com.example.solvers;

import java.util.Arrays;

/**
 * The coefficients of an explicit Runge–Kutta method: nodes c, the strictly lower-triangular matrix a
 * and weights b (Butcher's tableau), with the order they achieve. Immutable; arrays are copied in and
 * never handed out.
 */
final class ButcherTableau {
    private static final double EPS = 1e-15;

    private final int order;
    private final double[] c;
    private final double[][] a;
    private final double[] b;

    /**
     * @param order the method's classical order
     * @param c     nodes, c[0] = 0 (explicit method)
     * @param a     row j holds a[j][0 … j−1]; row sums equal c[j]
     * @param b     weights summing to 1
     */
    ButcherTableau(int order, double[] c, double[][] a, double[] b) {
        int n = c.length;
        if (n == 0 || a.length != n || b.length != n) {
            throw new IllegalArgumentException("tableau needs c, a and b of one length, got "
                    + c.length + ", " + a.length + ", " + b.length);
        }
        if (c[0] != 0) throw new IllegalArgumentException("explicit tableau needs c[0] = 0, got " + c[0]);
        for (int j = 0; j < n; j++) {
            if (a[j].length != j) {
                throw new IllegalArgumentException("row " + j + " of a needs " + j + " entries, got " + a[j].length);
            }
            if (Math.abs(Arrays.stream(a[j]).sum() - c[j]) > EPS) {
                throw new IllegalArgumentException("row " + j + " of a must sum to c[" + j + "] = " + c[j]);
            }
        }
        if (Math.abs(Arrays.stream(b).sum() - 1) > EPS) throw new IllegalArgumentException("weights must sum to 1");
        this.order = order;
        this.c = c.clone();
        this.a = Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
        this.b = b.clone();
    }

    int order() { return order; }

    /** Number of stages, i.e. model calls of a full step. */
    int stages() { return c.length; }

    double c(int j) { return c[j]; }

    double a(int j, int m) { return a[j][m]; }

    double b(int j) { return b[j]; }
}
