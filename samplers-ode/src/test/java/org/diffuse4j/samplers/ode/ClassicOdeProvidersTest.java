package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.diffuse4j.api.SolverProvider;
import org.junit.jupiter.api.Test;

/** ServiceLoader finds the classic ODE solvers under their ids, with the names users know as aliases. */
class ClassicOdeProvidersTest {
    @Test
    void serviceLoaderFindsTheClassicSolvers() {
        Map<String, SolverProvider> byName = ServiceLoader.load(SolverProvider.class).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(SolverProvider::name, Function.identity()));
        assertThat(byName).containsKeys("heun", "dpm2", "lms", "pndm", "plms", "ipndm", "midpoint", "rk4", "dopri5",
                "flow-euler", "flow-heun", "flow-midpoint");
        assertThat(byName.get("heun").aliases()).contains("HeunDiscreteScheduler", "sample_heun");
        assertThat(byName.get("dpm2").aliases()).contains("KDPM2DiscreteScheduler", "sample_dpm_2", "dpm_2");
        assertThat(byName.get("lms").aliases()).contains("LMSDiscreteScheduler", "sample_lms");
        assertThat(byName.get("pndm").aliases()).contains("PNDMScheduler");
        assertThat(byName.get("ipndm").aliases()).contains("IPNDMScheduler");
        assertThat(byName.get("dopri5").aliases()).contains("rk45");
        assertThat(byName.get("flow-euler").aliases()).contains("FlowMatchEulerDiscreteScheduler");
        assertThat(byName.get("flow-heun").aliases()).contains("FlowMatchHeunDiscreteScheduler");
        assertThat(byName.get("dopri5").traits().adaptive()).isTrue();
        assertThat(byName.get("rk4").traits().order()).isEqualTo(4);
    }
}
