package org.diffuse4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Stream;
import org.diffuse4j.conformance.broken.BrokenCases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The kit tests itself: each deliberately broken provider fails the check that matches its defect (with the
 * measured figure in the message) while checks unrelated to the defect still pass.
 */
class ConformanceKitSelfTest {
    static Stream<Arguments> brokenProviders() {
        return Stream.of(
                Arguments.of(BrokenCases.WrongOrderCase.class, "convergesAtDeclaredOrder", "measured order"),
                Arguments.of(BrokenCases.HiddenRngCase.class, "seedBehaviourMatchesKind", "seed difference"),
                Arguments.of(BrokenCases.WrongCallCountCase.class, "modelCallsAsDeclared", "declared 1 model calls"),
                Arguments.of(BrokenCases.NotThreadSafeCase.class, "threadSafe", "concurrent runs differ"),
                Arguments.of(BrokenCases.MutatingSharedStateCase.class, "repeatableWithoutHiddenState", "max difference"),
                Arguments.of(BrokenCases.NanSwallowingCase.class, "modelNanIsReported", "NonFiniteValueException"),
                Arguments.of(BrokenCases.WrongWeakOrderCase.class, "convergesAtDeclaredOrder", "measured weak order 0.9"),
                Arguments.of(BrokenCases.WrongConsistencyStepCase.class, "convergesAtDeclaredOrder", "consistency model"),
                Arguments.of(BrokenCases.WrongConsistencyStepCase.class, "matchesGaussianMoments", "consistency function"),
                Arguments.of(BrokenCases.ExactForGaussiansCase.class, "convergesAtDeclaredOrder", "on a two-mode mixture, exact on Gaussian data"));
    }

    static String method(Event e) {
        TestSource source = e.getTestDescriptor().getSource().orElseThrow();
        return ((org.junit.platform.engine.support.descriptor.MethodSource) source).getMethodName();
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("brokenProviders")
    void eachBrokenProviderFailsTheMatchingCheck(Class<?> contractCase, String expectedFailure, String figure) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(contractCase)).execute().testEvents();
        List<String> failed = tests.failed().stream().map(ConformanceKitSelfTest::method).toList();
        List<String> passed = tests.succeeded().stream().map(ConformanceKitSelfTest::method).toList();
        assertThat(failed).as("failed checks of " + contractCase.getSimpleName()).contains(expectedFailure);
        assertThat(passed).as("a broken provider still passes the checks its defect does not touch")
                .contains("nameAndTraits", "refusesUnknownOption");
        String message = tests.failed().stream().filter(e -> method(e).equals(expectedFailure)).findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow().getMessage();
        assertThat(message).as("the failure reports the measured figure").contains(figure);
    }

    @org.junit.jupiter.api.Test
    void defaultTolerancesAreWithinTheKitsBoundsAndLooserOnesAreRefused() {
        var traits = org.diffuse4j.api.SolverTraits.ode(2, 1, "test");
        assertThat(Tolerances.defaultsFor(traits).outOfBounds()).isNull();
        assertThat(Tolerances.defaultsFor(traits).withOrder(0.9).outOfBounds()).contains("order tolerance 0.9");
        assertThat(Tolerances.defaultsFor(traits).withMixtureError(1.0).outOfBounds()).contains("mixtureError");
    }
}
