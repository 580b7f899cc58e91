package org.diffuse4j.samplers.sde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
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
        assertThat(byName).containsOnlyKeys("ddpm", "euler-maruyama", "ddim-eta", "pc", "euler-ancestral", "dpm2-ancestral",
                "dpmpp-2s-ancestral", "dpmpp-sde", "dpmpp-2m-sde", "dpmpp-3m-sde", "sde-dpm-solver", "heun-churn", "euler-churn",
                "sa-solver", "lcm", "tcd", "consistency");
        assertThat(byName.get("ddpm")).isInstanceOf(DdpmProvider.class);
        assertThat(byName.get("euler-maruyama")).isInstanceOf(EulerMaruyamaProvider.class);
        Set<String> aliases = new HashSet<>();
        for (SolverProvider p : byName.values()) {
            assertThat(p.traits().stochastic()).as(p.name()).isTrue();
            for (String a : p.aliases()) assertThat(aliases.add(a)).as("alias %s of %s is unique", a, p.name()).isTrue();
        }
        assertThat(aliases).doesNotContainAnyElementsOf(byName.keySet());
        assertThat(byName.get("euler-maruyama").traits().schedules()).doesNotContain(ScheduleFamily.RECTIFIED_FLOW);
        assertThat(byName.get("lcm").traits().schedules()).containsOnly(ScheduleFamily.DISCRETE_VP);
    }
}
