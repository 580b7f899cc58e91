package org.diffuse4j.samplers.sde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.SolverProvider;
import org.junit.jupiter.api.Test;

class SdeProvidersTest {
    @Test
    void serviceLoaderFindsTheSdeSolvers() {
        Map<String, SolverProvider> byName = ServiceLoader.load(SolverProvider.class).stream()
                .map(ServiceLoader.Provider::get).collect(Collectors.toMap(SolverProvider::name, Function.identity()));
        assertThat(byName).containsOnlyKeys("ddpm", "euler-maruyama");
        assertThat(byName.get("ddpm")).isInstanceOf(DdpmProvider.class);
        assertThat(byName.get("euler-maruyama")).isInstanceOf(EulerMaruyamaProvider.class);
        for (SolverProvider p : byName.values()) {
            assertThat(p.traits().stochastic()).as(p.name()).isTrue();
            assertThat(p.traits().order()).as(p.name()).isEqualTo(1);
            assertThat(p.traits().modelCallsPerStep()).as(p.name()).isEqualTo(1);
        }
        assertThat(byName.get("euler-maruyama").traits().schedules()).doesNotContain(ScheduleFamily.RECTIFIED_FLOW);
    }
}
