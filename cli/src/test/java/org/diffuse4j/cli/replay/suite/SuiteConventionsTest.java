package org.diffuse4j.cli.replay.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.schedule.Betas;
import org.junit.jupiter.api.Test;

/** The suite's conventions against their definitions (cases.json's dummy definitions, diffusers' formulas). */
class SuiteConventionsTest {
    @Test void dummySampleAndNoiseFollowTheClosedForm() {
        Tensor d = Dummies.sample(new int[] {4, 3, 8, 8});
        Tensor n = Dummies.noise(new int[] {4, 3, 8, 8});
        // D[b,c,h,w] = (c·256 + h·32 + w·4 + b)/768 at row-major index b·192 + c·64 + h·8 + w
        for (int b = 0; b < 4; b++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 8; h++) {
                    for (int w = 0; w < 8; w++) {
                        int k = c * 256 + h * 32 + w * 4 + b, i = b * 192 + c * 64 + h * 8 + w;
                        assertThat(d.get(i)).isEqualTo(k / 768.0);
                        assertThat(n.get(i)).isEqualTo((767 - k) / 768.0);
                    }
                }
            }
        }
        // the first row-major values listed in meta.dummy_verification (float64)
        assertThat(d.get(1)).isEqualTo(0.005208333333333333);
        assertThat(n.get(1)).isEqualTo(0.9934895833333334);
    }

    @Test void oneDimensionalDummiesUseTheirOwnSize() {
        Tensor d = Dummies.sample(new int[] {4, 3, 8});
        assertThat(d.get(2 * 24 + 1 * 8 + 5)).isEqualTo((1 * 32 + 5 * 4 + 2) / 96.0); // D1[b=2, c=1, w=5]
    }

    @Test void dummyModelMultipliesThenDivides() {
        Tensor x = Tensor.of(new int[] {1, 2}, new double[] {0.3, -1.7});
        Tensor out = DummyModel.apply(x, 999);
        assertThat(out.get(0)).isEqualTo(0.3 * 999 / 1000.0);
        assertThat(out.get(1)).isEqualTo(-1.7 * 999 / 1000.0);
    }

    @Test void sigmaToTInvertsTheTableAtItsNodes() {
        SigmaTable t = new SigmaTable(Betas.alphasCumprod(Betas.linear(1e-4, 0.02, 1000)));
        for (int k : new int[] {0, 1, 250, 999}) assertThat(t.sigmaToT(t.sigmas[k])).isCloseTo(k, within(1e-9));
        assertThat(t.interp(10.5)).isCloseTo(0.5 * (t.sigmas[10] + t.sigmas[11]), within(1e-15));
        // below the table _sigma_to_t clips to 0, above to N − 1
        assertThat(t.sigmaToT(t.sigmas[0] / 2)).isEqualTo(0);
        assertThat(t.sigmaToT(t.sigmas[999] * 2)).isEqualTo(999);
    }

    @Test void karrasEndsAtItsBoundsInEitherOrder() {
        double[] down = SigmaTable.karras(5, 0.1, 10);
        assertThat(down[0]).isCloseTo(10, within(1e-12));
        assertThat(down[4]).isCloseTo(0.1, within(1e-12));
        double[] up = SigmaTable.karras(5, 10, 0.1); // the inverse schedulers' swapped ends: ascending
        assertThat(up[0]).isCloseTo(0.1, within(1e-12));
        assertThat(up[4]).isCloseTo(10, within(1e-12));
    }

    @Test void singlestepOrderListsAreDiffusersGetOrderList() {
        // lower_order_final, order 2, even steps: [1, 2] * (n/2 − 1) + [1, 1]
        assertThat(DpmFamily.orderList(6, 2, true, false)).containsExactly(1, 2, 1, 2, 1, 1);
        // order 3, n % 3 == 0: [1, 2, 3] * (n/3 − 1) + [1, 2] + [1]
        assertThat(DpmFamily.orderList(6, 3, true, false)).containsExactly(1, 2, 3, 1, 2, 1);
        assertThat(DpmFamily.orderList(8, 3, true, false)).containsExactly(1, 2, 3, 1, 2, 3, 1, 2);
        assertThat(DpmFamily.orderList(8, 3, true, true)).containsExactly(1, 2, 3, 1, 2, 3, 1, 1);
        assertThat(DpmFamily.orderList(4, 2, false, false)).containsExactly(1, 2, 1, 2);
    }

    @Test void latentConsistencyTimestepsSkipThroughTheDistillationSchedule() {
        // k = 1000 // 50 = 20, origin timesteps 20·j − 1, reversed, every 5th
        assertThat(ConsistencyFamily.distilledTimesteps(1000, 50, 10))
                .containsExactly(999, 899, 799, 699, 599, 499, 399, 299, 199, 99);
        assertThat(ConsistencyFamily.distilledTimesteps(1000, 50, 1)).containsExactly(999);
    }

    @Test void torchLinspaceCountsFromTheEndInItsSecondHalf() {
        assertThat(EdmFamily.torchLinspace(0, 1, 5, 0)).isEqualTo(0);
        assertThat(EdmFamily.torchLinspace(0, 1, 5, 4)).isEqualTo(1);
        assertThat(EdmFamily.torchLinspace(0, 1, 5, 3)).isEqualTo(1 - 0.25);
    }

    @Test void addNoiseUsesTheSchedulersVariables() {
        Tensor x = Tensor.full(1.0, 1, 2), n = Tensor.full(2.0, 1, 2);
        NoiseLevel l = NoiseLevel.ofSigmaVe(0.5, 3.0, 0);
        assertThat(SuiteLoop.addNoise(Plan.Space.VP, x, n, l).get(0)).isCloseTo(l.alpha() + 2 * l.sigma(), within(1e-15));
        assertThat(SuiteLoop.addNoise(Plan.Space.VE, x, n, l).get(0)).isCloseTo(1 + 2 * 3.0, within(1e-14));
    }

    @Test void singlestepGroupsAreRunsOfRisingOrders() {
        assertThat(DpmFamily.groups(new int[] {1, 2, 1, 2, 3, 1})).containsExactly(2, 3, 1);
        // from timesteps[5] of [1, 2] * 5: min(order_list[j], j − 4) = 1, 1, 2, 1, 2
        assertThat(DpmFamily.groups(new int[] {1, 1, 2, 1, 2})).containsExactly(1, 2, 2);
        assertThat(DpmFamily.groups(new int[] {2, 1})).isNull();
    }

    @Test void ipndmScheduleIsVariancePreservingWithSineSquaredSigma() {
        IpndmSchedule s = new IpndmSchedule();
        assertThat(s.sigma(1)).isEqualTo(1.0);
        assertThat(s.alpha(1)).isEqualTo(0.0);
        assertThat(s.sigma(0.5)).isCloseTo(0.5, within(1e-15)); // sin²(π/4)
        assertThat(s.alpha(0.5)).isCloseTo(Math.sqrt(0.75), within(1e-15));
        assertThat(s.modelTime(0.5)).isCloseTo(Math.atan2(0.5, Math.sqrt(0.75)) * 2 / Math.PI, within(1e-15)); // = 1/3
        assertThat(s.modelTime(0.5)).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(s.tOfLambda(s.lambda(0.3))).isCloseTo(0.3, within(1e-12));
        double h = 1e-6; // derivatives against central differences
        assertThat(s.dSigma(0.3)).isCloseTo((s.sigma(0.3 + h) - s.sigma(0.3 - h)) / (2 * h), within(1e-8));
        assertThat(s.dAlpha(0.3)).isCloseTo((s.alpha(0.3 + h) - s.alpha(0.3 - h)) / (2 * h), within(1e-8));
    }

    @Test void loopPassesAreReadFromTheLoopDescription() {
        assertThat(procedure("all timesteps").passes()).isEqualTo(1);
        assertThat(procedure("timesteps[8:]").passes()).isEqualTo(1);
        assertThat(procedure("all timesteps, twice (see notes)").passes()).isEqualTo(2);
        assertThat(procedure("see stepped_timesteps / notes").passes()).isEqualTo(-1);
    }

    private static SuiteCase.Procedure procedure(String loop) {
        return new SuiteCase.Procedure("D", Double.NaN, SuiteCase.ScaleMode.NOT_USED, loop, java.util.List.of("step"), null, 0, 0);
    }
}
