package org.diffuse4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SolverOptionsTest {
    enum Flavour { MIDPOINT, HEUN }

    private static final Option<Boolean> FLAG = Option.bool("lower_order_final", true, "a flag");
    private static final Option<Integer> ORDER = Option.integer("solver_order", 2, 1, 3, "an order");
    private static final Option<Flavour> TYPE = Option.choice("solver_type", Flavour.class, Flavour.MIDPOINT, "a choice");
    private static final List<Option<?>> ACCEPTED = List.of(FLAG, ORDER, TYPE);

    @Test
    void valuesAreReadThroughTypedOptionsWithDefaults() {
        SolverOptions o = SolverOptions.parse(List.of("solver_order=1", " solver_type = heun "));
        assertThat(o.get(ORDER)).isEqualTo(1);
        assertThat(o.get(TYPE)).isEqualTo(Flavour.HEUN);
        assertThat(o.get(FLAG)).isTrue();
        assertThat(o.isSet(ORDER)).isTrue();
        assertThat(o.isSet(FLAG)).isFalse();
        assertThat(o.names()).containsExactlyInAnyOrder("solver_order", "solver_type");
        assertThat(SolverOptions.NONE.get(ORDER)).isEqualTo(2);
    }

    @Test
    void withWritesTheTextFormThatParsesBack() {
        SolverOptions o = SolverOptions.NONE.with(TYPE, Flavour.HEUN).with(FLAG, false).with(ORDER, 3);
        assertThat(o.asMap()).containsEntry("solver_type", "heun").containsEntry("lower_order_final", "false");
        assertThat(o.get(TYPE)).isEqualTo(Flavour.HEUN);
        assertThat(o.get(FLAG)).isFalse();
        assertThat(o.get(ORDER)).isEqualTo(3);
        assertThat(SolverOptions.NONE.names()).isEmpty(); // with() made new sets
    }

    @Test
    void malformedOrRepeatedPairsAreRejected() {
        assertThatThrownBy(() -> SolverOptions.parse(List.of("solver_order")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'solver_order'").hasMessageContaining("name=value");
        assertThatThrownBy(() -> SolverOptions.parse(List.of("=3")))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> SolverOptions.parse(List.of("solver_order=1", "solver_order=2")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("solver_order").hasMessageContaining("twice");
    }

    @Test
    void anUnknownOptionIsNamedAndTheAcceptedOnesListed() {
        SolverOptions o = SolverOptions.of(Map.of("solver_ordr", "2"));
        assertThatThrownBy(() -> o.requireOnly("dpmpp-2m", ACCEPTED))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.field()).isEqualTo("solver_ordr"))
                .hasMessageContaining("'solver_ordr'").hasMessageContaining("dpmpp-2m")
                .hasMessageContaining("lower_order_final, solver_order, solver_type");
        assertThatThrownBy(() -> o.requireOnly("ddim", List.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("solver_ordr").hasMessageContaining("none");
    }

    @Test
    void aBadValueOfAKnownOptionFailsUpFront() {
        SolverOptions o = SolverOptions.of(Map.of("solver_type", "rk4"));
        assertThatThrownBy(() -> o.requireOnly("dpmpp-2m", ACCEPTED))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("solver_type").hasMessageContaining("midpoint, heun");
        SolverOptions.of(Map.of("solver_order", "3", "lower_order_final", "false")).requireOnly("dpmpp-2m", ACCEPTED);
    }
}
