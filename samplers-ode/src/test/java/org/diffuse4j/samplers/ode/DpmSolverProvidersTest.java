package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.diffuse4j.api.SolverProvider;
import org.junit.jupiter.api.Test;

/** ServiceLoader finds the DPM-Solver family under its ids, and no id or alias of it is claimed twice. */
class DpmSolverProvidersTest {
    private static final Map<String, Class<?>> FAMILY = Map.of(
            "dpm-solver", DpmSolverProvider.class,
            "dpm-solver-singlestep", DpmSolverSinglestepProvider.class,
            "dpm-solver-adaptive", DpmSolverAdaptiveProvider.class,
            "dpmpp-2m", DpmSolverPlusPlus2MProvider.class,
            "dpmpp-3m", DpmSolverPlusPlus3MProvider.class,
            "dpmpp-2s", DpmSolverPlusPlus2SProvider.class,
            "dpmpp-adaptive", DpmSolverPlusPlusAdaptiveProvider.class);

    @Test
    void serviceLoaderFindsTheFamilyAndItsNamesAreUnique() {
        Map<String, String> owner = new HashMap<>();
        Map<String, SolverProvider> byName = new HashMap<>();
        for (SolverProvider p : ServiceLoader.load(SolverProvider.class)) {
            byName.put(p.name(), p);
            for (String n : p.aliases()) {
                assertThat(owner.put(n.toLowerCase(java.util.Locale.ROOT), p.name())).as("alias %s of %s", n, p.name()).isNull();
            }
        }
        FAMILY.forEach((id, type) -> {
            assertThat(byName.get(id)).as(id).isInstanceOf(type);
            assertThat(owner).as("an alias equal to the id %s", id).doesNotContainKey(id);
        });
        assertThat(byName.get("dpmpp-2s").aliases()).contains("DPMSolverSinglestepScheduler");
        assertThat(byName.get("dpmpp-2m").aliases()).contains("DPMSolverMultistepScheduler");
        assertThat(byName.get("dpm-solver-adaptive").traits().adaptive()).isTrue();
        assertThat(byName.get("dpmpp-adaptive").traits().adaptive()).isTrue();
    }
}
