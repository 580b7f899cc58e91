package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.junit.jupiter.api.Test;

class OdeProvidersTest {
    private static Map<String, SolverProvider> discovered() {
        return ServiceLoader.load(SolverProvider.class).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(SolverProvider::name, Function.identity()));
    }

    @Test
    void serviceLoaderFindsTheOdeSolvers() {
        Map<String, SolverProvider> byName = discovered();
        assertThat(byName).containsKeys("ddim", "euler", "dpmpp-2m");
        assertThat(byName.get("ddim")).isInstanceOf(DdimProvider.class);
        assertThat(byName.get("euler")).isInstanceOf(EulerProvider.class);
        assertThat(byName.get("dpmpp-2m")).isInstanceOf(DpmSolverPlusPlus2MProvider.class);
    }

    @Test
    void declaredTraitsMatchTheMethods() {
        Map<String, SolverProvider> byName = discovered();
        for (SolverProvider p : byName.values()) {
            assertThat(p.name()).matches("[a-z][a-z0-9-]*");
            SolverTraits t = p.traits();
            assertThat(t.stochastic()).as(p.name()).isFalse();
            assertThat(t.modelCallsPerStep()).as(p.name()).isPositive();
        }
        for (String id : new String[] {"ddim", "euler", "dpmpp-2m"}) assertThat(byName.get(id).traits().modelCallsPerStep()).isEqualTo(1);
        assertThat(byName.get("ddim").traits().order()).isEqualTo(1);
        assertThat(byName.get("euler").traits().order()).isEqualTo(1);
        assertThat(byName.get("dpmpp-2m").traits().order()).isEqualTo(2);
        assertThat(byName.get("dpmpp-2m").traits().historyLength()).isEqualTo(1);
        assertThat(byName.get("dpmpp-2m").aliases()).contains("DPMSolverMultistepScheduler");
    }
}
