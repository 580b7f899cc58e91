package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** With all data at one point μ, every ODE solver must land on μ when the grid ends at clean data. */
class PointDataTest {
    private static final double[] MU = {1.5, -2.0, 0.25};
    private static final DiscreteVpSchedule SD = DiscreteVpSchedule.fromBetas(Betas.scaledLinear(0.00085, 0.012, 1000));

    private static Denoiser pointDenoiser() {
        Tensor mu = Tensor.of(new double[][] {MU});
        return new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) {
                return Tensor.stack(Collections.nCopies(x.rows(), mu));
            }
        };
    }

    static Stream<Arguments> cases() {
        List<Grid> grids = List.of(
                Grids.karras(SD, 12, SD.sigmaVe(0), SD.sigmaVe(999), 7),
                Grids.sigmaInterpolated(SD, TimestepSpacing.LINSPACE.timesteps(1000, 9, 0, false), 0),
                Grids.vpTimesteps(SD, TimestepSpacing.LEADING.timesteps(1000, 7, 1, true), NoiseLevel.clean(0, -1)),
                Grids.uniformTime(VpLinearSchedule.standard(), 10),
                Grids.uniformTime(RectifiedFlowSchedule.standard(), 10)); // starts at α = 0, ends at σ = 0
        List<SolverProvider> providers = List.of(new DdimProvider(), new EulerProvider(), new DpmSolverPlusPlus2MProvider());
        List<Denoiser> denoisers = List.of(pointDenoiser(), new GaussianData(MU, 1e-12).denoiser(Prediction.DATA),
                new GaussianData(MU, 1e-12).denoiser(Prediction.EPSILON));
        // ε-prediction cannot give x̂₀ where α = 0 (x̂₀ = (x − σ ε)/α), so the RF grid uses x̂₀-prediction only
        return grids.stream().flatMap(g -> providers.stream().flatMap(p -> denoisers.stream()
                .filter(d -> !(g.level(0).alpha() == 0 && d.target() == Prediction.EPSILON))
                .map(d -> Arguments.of(p.name() + "/" + d.target().id(), g, p, d))));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void landsExactlyOnThePoint(String name, Grid grid, SolverProvider provider, Denoiser denoiser) {
        assertThat(grid.endsAtData()).isTrue();
        var solver = provider.create(SolverConfig.of(grid, denoiser.target()).withOptions(SolverOptions.NONE));
        Tensor xT = NoiseSource.seeded(3).gaussian(4, MU.length);
        Tensor out = Sampler.sample(solver, denoiser, xT, NoiseSource.seeded(0)).samples();
        Tensor expected = Tensor.stack(Collections.nCopies(4, Tensor.of(new double[][] {MU})));
        assertThat(out.maxAbsDistance(expected)).isLessThan(1e-9);
    }
}
