package org.diffuse4j.samplers.ode;

/**
 * The Butcher tableau of an explicit Runge–Kutta method (Hairer, Nørsett &amp; Wanner, Solving ODEs I,
 * §II.1), optionally with an embedded second weight vector for error estimation (§II.4). Immutable: the
 * arrays are copied in and out.
 *
 * @param name  the method's name
 * @param order the order of the solution weights {@code b}
 * @param c     stage positions c_j (c_1 = 0)
 * @param a     the strictly lower-triangular stage coefficients a_jl, row j holding j entries
 * @param b     solution weights
 * @param bHat  embedded weights of order {@code embeddedOrder}, or null
 */
record RungeKuttaTableau(String name, int order, double[] c, double[][] a, double[] b, double[] bHat, int embeddedOrder) {
    RungeKuttaTableau {
        int s = b.length;
        if (c.length != s || a.length != s || c[0] != 0) throw new IllegalArgumentException(name + ": inconsistent tableau");
        for (int j = 0; j < s; j++) {
            if (a[j].length != j) throw new IllegalArgumentException(name + ": row " + j + " of a needs " + j + " entries");
        }
        if (bHat != null && bHat.length != s) throw new IllegalArgumentException(name + ": embedded weights have the wrong length");
        c = c.clone();
        a = deepCopy(a);
        b = b.clone();
        bHat = bHat == null ? null : bHat.clone();
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) out[i] = m[i].clone();
        return out;
    }

    int stages() { return b.length; }

    double c(int j) { return c[j]; }

    double a(int j, int l) { return a[j][l]; }

    double b(int j) { return b[j]; }

    double bHat(int j) { return bHat[j]; }

    boolean embedded() { return bHat != null; }

    @Override public double[] c() { return c.clone(); }

    @Override public double[][] a() { return deepCopy(a); }

    @Override public double[] b() { return b.clone(); }

    @Override public double[] bHat() { return bHat == null ? null : bHat.clone(); }

    /** Euler's method, the one-stage tableau. */
    static final RungeKuttaTableau EULER = new RungeKuttaTableau("Euler", 1,
            new double[] {0}, new double[][] {{}}, new double[] {1}, null, 0);

    /** Heun's method (explicit trapezoidal rule); Karras et al. 2022 (arXiv:2206.00364), Algorithm 1. */
    static final RungeKuttaTableau HEUN = new RungeKuttaTableau("Heun", 2,
            new double[] {0, 1}, new double[][] {{}, {1}}, new double[] {0.5, 0.5}, null, 0);

    /** The explicit midpoint rule (Runge 1895); Hairer, Nørsett &amp; Wanner I, Eq. (II.1.3). */
    static final RungeKuttaTableau MIDPOINT = new RungeKuttaTableau("explicit midpoint", 2,
            new double[] {0, 0.5}, new double[][] {{}, {0.5}}, new double[] {0, 1}, null, 0);

    /** The classical fourth-order Runge–Kutta method (Kutta 1901); Hairer, Nørsett &amp; Wanner I, Table II.1.1. */
    static final RungeKuttaTableau RK4 = new RungeKuttaTableau("classical RK4", 4,
            new double[] {0, 0.5, 0.5, 1}, new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}},
            new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6}, null, 0);

    /**
     * Dormand &amp; Prince 1980, the 5(4) pair with FSAL (the last stage is the first of the next step);
     * Hairer, Nørsett &amp; Wanner I, Table II.5.2.
     */
    static final RungeKuttaTableau DOPRI5 = new RungeKuttaTableau("Dormand–Prince 5(4)", 5,
            new double[] {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1},
            new double[][] {
                    {},
                    {1.0 / 5},
                    {3.0 / 40, 9.0 / 40},
                    {44.0 / 45, -56.0 / 15, 32.0 / 9},
                    {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
                    {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
                    {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}},
            new double[] {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0},
            new double[] {5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100, 1.0 / 40}, 4);
}
