package org.diffuse4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionTest {
    enum Flavour { MIDPOINT, HEUN }

    private static final Option<Boolean> FLAG = Option.bool("lower_order_final", true, "a flag");
    private static final Option<Integer> ORDER = Option.integer("solver_order", 2, 1, 3, "an order");
    private static final Option<Double> ETA = Option.real("eta", 0.0, 0.0, 1.0, "a weight");
    private static final Option<Flavour> TYPE = Option.choice("solver_type", Flavour.class, Flavour.MIDPOINT, "a choice");

    @Test
    void parsesValidText() {
        assertThat(FLAG.parse(" TRUE ")).isTrue();
        assertThat(FLAG.parse("false")).isFalse();
        assertThat(ORDER.parse("3")).isEqualTo(3);
        assertThat(ETA.parse("0.25")).isEqualTo(0.25);
        assertThat(TYPE.parse("Heun")).isEqualTo(Flavour.HEUN);
        assertThat(TYPE.defaultValue()).isEqualTo(Flavour.MIDPOINT);
        assertThat(Option.id(Flavour.HEUN)).isEqualTo("heun");
        assertThat(TYPE.allowed()).isEqualTo("midpoint, heun");
        assertThat(ORDER.allowed()).isEqualTo("1 … 3");
        assertThat(TYPE.toString()).contains("solver_type").contains("midpoint");
    }

    @Test
    void aBadBooleanNamesTheOptionAndTheAllowedValues() {
        assertThatThrownBy(() -> FLAG.parse("maybe"))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.field()).isEqualTo("lower_order_final"))
                .hasMessageContaining("lower_order_final").hasMessageContaining("'maybe'").hasMessageContaining("true, false");
    }

    @Test
    void anIntegerOutOfRangeOrMalformedNamesTheOptionAndTheRange() {
        assertThatThrownBy(() -> ORDER.parse("4"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("solver_order").hasMessageContaining("1 … 3");
        assertThatThrownBy(() -> ORDER.parse("0"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("solver_order").hasMessageContaining("1 … 3");
        assertThatThrownBy(() -> ORDER.parse("two"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("solver_order").hasMessageContaining("'two'")
                .hasMessageContaining("1 … 3");
    }

    @Test
    void aRealOutOfRangeOrNaNIsRejected() {
        assertThatThrownBy(() -> ETA.parse("1.5"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("eta").hasMessageContaining("0.0 … 1.0");
        assertThatThrownBy(() -> ETA.parse("NaN")).isInstanceOf(ConfigurationException.class).hasMessageContaining("eta");
        assertThatThrownBy(() -> ETA.parse("x")).isInstanceOf(ConfigurationException.class).hasMessageContaining("eta");
    }

    @Test
    void aChoiceOutsideTheEnumNamesTheOptionAndTheChoices() {
        assertThatThrownBy(() -> TYPE.parse("rk4"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("solver_type").hasMessageContaining("'rk4'").hasMessageContaining("midpoint, heun");
    }

    @Test
    void optionNamesAreValidated() {
        assertThatThrownBy(() -> Option.bool("Bad-Name", true, ""))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("Bad-Name");
    }
}
