package org.diffuse4j.models.train;

import java.util.List;
import java.util.SplittableRandom;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;

/** How training draws the noise level of each example. */
public sealed interface TimeSampling {
    /** The names {@link #parse} accepts. */
    List<String> NAMES = List.of("discrete-uniform", "uniform", "logit-normal");

    /** One level of {@code schedule}. */
    NoiseLevel sample(Schedule schedule, SplittableRandom rng);

    /** The name a model card records. */
    String id();

    /** k uniform in {0, …, N−1}, the level of training timestep k (the network receives k); Ho et al. 2020, Alg. 1. */
    record DiscreteUniform() implements TimeSampling {
        @Override public NoiseLevel sample(Schedule schedule, SplittableRandom rng) {
            if (!(schedule instanceof DiscreteVpSchedule d)) {
                throw new ConfigurationException("time-sampling", "discrete-uniform needs a discrete schedule, got " + schedule);
            }
            return d.timestep(rng.nextInt(d.trainSteps()));
        }

        @Override public String id() { return "discrete-uniform"; }
    }

    /** t uniform in [tMin, tMax] of the schedule. */
    record Uniform() implements TimeSampling {
        @Override public NoiseLevel sample(Schedule schedule, SplittableRandom rng) {
            return schedule.at(schedule.tMin() + (schedule.tMax() - schedule.tMin()) * rng.nextDouble());
        }

        @Override public String id() { return "uniform"; }
    }

    /**
     * t = tMin + (tMax − tMin)·sigmoid(m + s·n), n ~ N(0, 1): the logit-normal sampling of Esser et al. 2024
     * (arXiv:2403.03206), §3.1, which concentrates flow-matching training on intermediate t.
     */
    record LogitNormal(double mean, double std) implements TimeSampling {
        public LogitNormal {
            if (!(std > 0)) throw new ConfigurationException("logit-normal std", "must be positive, got " + std);
        }

        @Override public NoiseLevel sample(Schedule schedule, SplittableRandom rng) {
            double u = 1 / (1 + Math.exp(-(mean + std * rng.nextGaussian())));
            return schedule.at(schedule.tMin() + (schedule.tMax() - schedule.tMin()) * u);
        }

        @Override public String id() { return "logit-normal"; }
    }

    /** By name (logit-normal with m = 0, s = 1). */
    static TimeSampling parse(String name) {
        return switch (name) {
            case "discrete-uniform", "discrete" -> new DiscreteUniform();
            case "uniform" -> new Uniform();
            case "logit-normal" -> new LogitNormal(0, 1);
            default -> throw ConfigurationException.notAllowed("time-sampling", name, NAMES);
        };
    }
}
