package org.diffuse4j.models.card;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.diffuse4j.api.schedule.VeSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;

/**
 * The training schedule as a model card records it, in diffusers' vocabulary ({@code beta_schedule},
 * {@code beta_start}, …) or as an explicit table of betas. {@link #build()} turns it into an api
 * {@link Schedule}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ScheduleSpec.DiscreteVp.class, name = "discrete-vp"),
        @JsonSubTypes.Type(value = ScheduleSpec.VpLinear.class, name = "vp-linear"),
        @JsonSubTypes.Type(value = ScheduleSpec.Ve.class, name = "ve"),
        @JsonSubTypes.Type(value = ScheduleSpec.RectifiedFlow.class, name = "rectified-flow")})
public sealed interface ScheduleSpec {
    /** The names the CLI accepts for {@code --schedule}. */
    List<String> NAMES = List.of("ddpm-linear", "sd-scaled-linear", "cosine", "rectified-flow", "vp-linear", "ve");

    /** The api schedule. */
    Schedule build();

    /**
     * The schedule the CLI knows by {@code name}: ddpm-linear, sd-scaled-linear, cosine (1000 discrete
     * timesteps each), rectified-flow (continuous t ∈ [0, 1], model time t), vp-linear, ve.
     */
    static ScheduleSpec named(String name) {
        return switch (name) {
            case "ddpm-linear" -> new DiscreteVp("linear", 1e-4, 0.02, 1000, null);
            case "sd-scaled-linear" -> new DiscreteVp("scaled_linear", 0.00085, 0.012, 1000, null);
            case "cosine" -> new DiscreteVp("squaredcos_cap_v2", null, null, 1000, null);
            case "rectified-flow" -> new RectifiedFlow(1.0);
            case "vp-linear" -> new VpLinear(0.1, 20.0, 1.0);
            case "ve" -> new Ve(0.01, 50.0);
            default -> throw ConfigurationException.notAllowed("schedule", name, NAMES);
        };
    }

    /**
     * A discrete-time VP schedule: either {@code beta_schedule} (linear, scaled_linear,
     * squaredcos_cap_v2) with its parameters, or an explicit {@code betas} table.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record DiscreteVp(String betaSchedule, Double betaStart, Double betaEnd, Integer numTrainTimesteps, List<Double> betas)
            implements ScheduleSpec {
        public DiscreteVp {
            if ((betaSchedule == null) == (betas == null)) {
                throw new ConfigurationException("schedule", "a discrete-vp schedule needs exactly one of beta_schedule or betas");
            }
            if (betas != null) betas = List.copyOf(betas);
            if (betaSchedule != null) {
                if (numTrainTimesteps == null) throw new ConfigurationException("schedule.num_train_timesteps", "is required with beta_schedule");
                boolean needsRange = !betaSchedule.equals("squaredcos_cap_v2");
                if (needsRange && (betaStart == null || betaEnd == null)) {
                    throw new ConfigurationException("schedule", "beta_schedule '" + betaSchedule + "' needs beta_start and beta_end");
                }
            }
        }

        /** The betas β_0 … β_{N−1}. */
        public double[] betaTable() {
            if (betas != null) return betas.stream().mapToDouble(Double::doubleValue).toArray();
            return switch (betaSchedule) {
                case "linear" -> Betas.linear(betaStart, betaEnd, numTrainTimesteps);
                case "scaled_linear" -> Betas.scaledLinear(betaStart, betaEnd, numTrainTimesteps);
                case "squaredcos_cap_v2" -> Betas.squaredCosCapV2(numTrainTimesteps);
                default -> throw ConfigurationException.notAllowed("schedule.beta_schedule", betaSchedule,
                        List.of("linear", "scaled_linear", "squaredcos_cap_v2"));
            };
        }

        @Override public DiscreteVpSchedule build() { return DiscreteVpSchedule.fromBetas(betaTable()); }
    }

    /** Continuous VP with linear β(t) (Song et al. 2021). */
    record VpLinear(double betaMin, double betaMax, double timeScale) implements ScheduleSpec {
        @Override public Schedule build() { return new VpLinearSchedule(betaMin, betaMax, timeScale); }
    }

    /** Variance exploding, σ from sigma_min to sigma_max. */
    record Ve(double sigmaMin, double sigmaMax) implements ScheduleSpec {
        @Override public Schedule build() { return new VeSchedule(sigmaMin, sigmaMax); }
    }

    /** Rectified flow α = 1 − t, σ = t; the schedule's model time is time_scale·t. */
    record RectifiedFlow(double timeScale) implements ScheduleSpec {
        @Override public Schedule build() { return new RectifiedFlowSchedule(timeScale); }
    }
}
