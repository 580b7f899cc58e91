package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tableaus against the Runge–Kutta order conditions Σ_j b_j Φ_j(t) = 1/γ(t) over every rooted tree t up
 * to the order (Butcher; Hairer, Nørsett &amp; Wanner I, Theorem II.2.13), enumerated here rather than listed.
 */
class RungeKuttaTableauTest {
    /** A rooted tree as the list of its root's subtrees. */
    record Tree(List<Tree> children) {
        int order() { return 1 + children.stream().mapToInt(Tree::order).sum(); }

        /** γ(t) = |t| Π γ(children). */
        double density() {
            double g = order();
            for (Tree c : children) g *= c.density();
            return g;
        }

        /** Φ_j(t) = Π_children Σ_l a_jl Φ_l(child). */
        double[] stageWeights(RungeKuttaTableau tab) {
            int s = tab.stages();
            double[] phi = new double[s];
            java.util.Arrays.fill(phi, 1);
            for (Tree c : children) {
                double[] inner = c.stageWeights(tab);
                for (int j = 0; j < s; j++) {
                    double sum = 0;
                    for (int l = 0; l < j; l++) sum += tab.a(j, l) * inner[l];
                    phi[j] *= sum;
                }
            }
            return phi;
        }
    }

    /** Every rooted tree of the given order (children as non-increasing sequences of indices: no duplicates). */
    static List<Tree> trees(int order) {
        List<List<Tree>> byOrder = new ArrayList<>();
        byOrder.add(List.of());
        byOrder.add(List.of(new Tree(List.of())));
        for (int n = 2; n <= order; n++) {
            List<Tree> all = new ArrayList<>();
            for (int n2 = 1; n2 < n; n2++) all.addAll(byOrder.get(n2)); // candidate subtrees, in a fixed order
            List<Tree> out = new ArrayList<>();
            forests(all, n - 1, all.size() - 1, new ArrayList<>(), out);
            byOrder.add(out);
        }
        return byOrder.get(order);
    }

    private static void forests(List<Tree> candidates, int remaining, int maxIndex, List<Tree> chosen, List<Tree> out) {
        if (remaining == 0) {
            out.add(new Tree(List.copyOf(chosen)));
            return;
        }
        for (int i = maxIndex; i >= 0; i--) {
            Tree t = candidates.get(i);
            if (t.order() > remaining) continue;
            chosen.add(t);
            forests(candidates, remaining - t.order(), i, chosen, out);
            chosen.remove(chosen.size() - 1);
        }
    }

    /** The largest order whose conditions all hold for the weights b (or b̂). */
    static int orderOf(RungeKuttaTableau tab, boolean embedded) {
        for (int p = 1; p <= 6; p++) {
            for (Tree t : trees(p)) {
                double[] phi = t.stageWeights(tab);
                double sum = 0;
                for (int j = 0; j < tab.stages(); j++) sum += (embedded ? tab.bHat(j) : tab.b(j)) * phi[j];
                if (Math.abs(sum - 1 / t.density()) > 1e-14) return p - 1;
            }
        }
        return 6;
    }

    @Test
    void treeCountsAreButchers() {
        // 1, 1, 2, 4, 9, 20 rooted trees of orders 1 … 6 (OEIS A000081)
        assertThat(List.of(1, 2, 3, 4, 5, 6).stream().map(n -> trees(n).size()).toList()).containsExactly(1, 1, 2, 4, 9, 20);
    }

    @Test
    void eachTableauHasExactlyItsDeclaredOrder() {
        assertThat(orderOf(RungeKuttaTableau.EULER, false)).isEqualTo(1);
        assertThat(orderOf(RungeKuttaTableau.HEUN, false)).isEqualTo(2);
        assertThat(orderOf(RungeKuttaTableau.MIDPOINT, false)).isEqualTo(2);
        assertThat(orderOf(RungeKuttaTableau.RK4, false)).isEqualTo(4);
        assertThat(orderOf(RungeKuttaTableau.DOPRI5, false)).isEqualTo(5);
        assertThat(orderOf(RungeKuttaTableau.DOPRI5, true)).isEqualTo(4);
        for (RungeKuttaTableau t : List.of(RungeKuttaTableau.EULER, RungeKuttaTableau.HEUN, RungeKuttaTableau.MIDPOINT,
                RungeKuttaTableau.RK4, RungeKuttaTableau.DOPRI5)) {
            assertThat(orderOf(t, false)).as(t.name()).isEqualTo(t.order());
        }
    }

    @Test
    void stagePositionsAreRowSums() {
        for (RungeKuttaTableau t : List.of(RungeKuttaTableau.HEUN, RungeKuttaTableau.MIDPOINT, RungeKuttaTableau.RK4, RungeKuttaTableau.DOPRI5)) {
            for (int j = 0; j < t.stages(); j++) {
                double sum = 0;
                for (int l = 0; l < j; l++) sum += t.a(j, l);
                assertThat(sum).as(t.name() + " row " + j).isCloseTo(t.c(j), within(1e-15));
            }
        }
    }

    @Test
    void dopri5IsFirstSameAsLast() {
        RungeKuttaTableau d = RungeKuttaTableau.DOPRI5;
        for (int l = 0; l < d.stages() - 1; l++) assertThat(d.a(d.stages() - 1, l)).isEqualTo(d.b(l));
        assertThat(d.b(d.stages() - 1)).isZero();
        assertThat(d.embeddedOrder()).isEqualTo(4);
    }

    @Test
    void arraysDoNotLeak() {
        double[] b = RungeKuttaTableau.RK4.b();
        b[0] = 42;
        assertThat(RungeKuttaTableau.RK4.b(0)).isEqualTo(1.0 / 6);
    }
}
