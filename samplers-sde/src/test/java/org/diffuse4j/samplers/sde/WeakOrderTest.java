package org.diffuse4j.samplers.sde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every solver of this module that runs on VE schedules converges on Gaussian data at least at its declared weak order,
 * measured exactly at 32–128 steps ({@link ExactWeakOrder}); the consistency sampler, which needs a consistency model,
 * is checked in {@code ConsistencySamplerConformanceTest}.
 */
class WeakOrderTest {
    @TestFactory
    Stream<DynamicTest> convergesAtLeastAtTheDeclaredWeakOrder() {
        return ServiceLoader.load(SolverProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.traits().schedules().contains(ScheduleFamily.VE) && !p.name().equals("consistency"))
                .map(p -> DynamicTest.dynamicTest(p.name(), () -> {
                    double[] errors = new double[3];
                    double measured = ExactWeakOrder.measure(p, SolverOptions.NONE, errors);
                    System.out.println(String.format(Locale.ROOT, "[weak-order] %s: exact weak order %.2f (declared %d); errors %.3g, %.3g, %.3g at 32, 64, 128 steps",
                            p.name(), measured, p.traits().order(), errors[0], errors[1], errors[2]));
                    assertThat(measured).as(p.name()).isGreaterThanOrEqualTo(p.traits().order() - 0.3);
                }));
    }
}
