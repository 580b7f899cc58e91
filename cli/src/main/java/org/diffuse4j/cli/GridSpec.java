package org.diffuse4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;

/** How the CLI discretises a schedule: the grid kind, the final level and the diffusers steps_offset. */
record GridSpec(Kind kind, boolean toZero, int stepsOffset) {
    enum Kind { AUTO, LINSPACE, LEADING, TRAILING, KARRAS, EXPONENTIAL, LOGSNR, UNIFORM, OPTIMISED }

    static GridSpec parse(String kind, String last, int stepsOffset) {
        Kind k;
        try {
            k = Kind.valueOf(kind.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ConfigurationException.notAllowed("grid", kind, Arrays.stream(Kind.values()).map(v -> v.name().toLowerCase()).toList());
        }
        boolean zero = switch (last) {
            case "zero" -> true;
            case "sigma-min", "sigma_min" -> false;
            default -> throw ConfigurationException.notAllowed("final", last, List.of("zero", "sigma-min"));
        };
        if (stepsOffset < 0) throw new ConfigurationException("steps-offset", "must be ≥ 0, got " + stepsOffset);
        return new GridSpec(k, zero, stepsOffset);
    }

    Grid build(Schedule schedule, int steps) {
        if (steps < 1) throw new ConfigurationException("steps", "must be at least 1, got " + steps);
        Kind k = kind;
        if (k == Kind.AUTO) {
            k = switch (schedule.family()) {
                // linspace as diffusers' multistep schedulers; from N steps on it would repeat timesteps, and trailing is every one
                case DISCRETE_VP -> schedule instanceof DiscreteVpSchedule d && steps >= d.trainSteps() ? Kind.TRAILING : Kind.LINSPACE;
                case RECTIFIED_FLOW -> Kind.UNIFORM;
                default -> Kind.LOGSNR;
            };
        }
        if (schedule instanceof DiscreteVpSchedule d && (k == Kind.LINSPACE || k == Kind.LEADING || k == Kind.TRAILING)) {
            // diffusers' multistep spacing (DPMSolverMultistep, UniPC, DEIS): n timesteps, then σ = 0 or σ_min
            TimestepSpacing spacing = TimestepSpacing.valueOf(k.name());
            double[] ts = spacing.multistepTimesteps(d.trainSteps(), d.trainSteps(), steps, stepsOffset);
            for (int i = 1; i < ts.length; i++) {
                if (!(ts[i] < ts[i - 1])) { // e.g. leading: step ratio ⌊N/(n + 1)⌋ = 0 for n ≥ N
                    throw new ConfigurationException("steps", k.name().toLowerCase() + " spacing of " + d.trainSteps()
                            + " training timesteps into " + steps + " steps repeats timestep " + (long) ts[i] + " (diffusers' multistep "
                            + k.name().toLowerCase() + " spacing); use fewer steps or --grid trailing / logsnr");
                }
            }
            return Grids.sigmaInterpolated(d, ts, toZero ? 0 : d.sigmaVe(0));
        }
        if (k == Kind.OPTIMISED) {
            throw new ConfigurationException("grid", "optimised grids are built by the sample command for a solver and problem");
        }
        if (k == Kind.LINSPACE || k == Kind.LEADING || k == Kind.TRAILING) {
            throw new ConfigurationException("grid", k.name().toLowerCase() + " spacing needs a discrete schedule (ddpm-linear, "
                    + "sd-scaled-linear, cosine); use uniform, logsnr or karras");
        }
        if (schedule.family() == ScheduleFamily.RECTIFIED_FLOW && k != Kind.UNIFORM) {
            throw new ConfigurationException("grid", k.name().toLowerCase() + " needs finite λ at both ends; rectified flow supports: uniform");
        }
        if (toZero && steps == 1 && k != Kind.KARRAS && k != Kind.EXPONENTIAL && !schedule.at(schedule.tMin()).isClean()) {
            return Grid.of(schedule, List.of(schedule.at(schedule.tMax()),
                    NoiseLevel.clean(schedule.tMin(), schedule.modelTime(schedule.tMin()))));
        }
        Grid g = switch (k) {
            case KARRAS, EXPONENTIAL -> {
                double sMin = schedule.sigma(schedule.tMin()) / schedule.alpha(schedule.tMin());
                double sMax = schedule.sigma(schedule.tMax()) / schedule.alpha(schedule.tMax());
                yield Grids.fromSigmasVe(schedule, k == Kind.KARRAS ? Grids.karrasSigmas(steps, sMin, sMax, 7.0, toZero)
                        : Grids.exponentialSigmas(steps, sMin, sMax, toZero));
            }
            case LOGSNR -> Grids.uniformLambda(schedule, toZero ? steps - 1 : steps, schedule.tMax(), lowEnd(schedule));
            default -> Grids.uniformTime(schedule, schedule.at(schedule.tMin()).isClean() || !toZero ? steps : steps - 1,
                    schedule.tMax(), lowEnd(schedule));
        };
        if (k == Kind.KARRAS || k == Kind.EXPONENTIAL || !toZero || g.endsAtData()) return g;
        List<NoiseLevel> levels = new ArrayList<>(g.levels()); // one more step, to clean data
        levels.add(NoiseLevel.clean(schedule.tMin(), schedule.modelTime(schedule.tMin())));
        return Grid.of(schedule, levels);
    }

    /** The low end of continuous grids: tMin, or 1e-3 where σ(tMin) = 0 (λ = ∞) would break uniform-λ grids. */
    private static double lowEnd(Schedule schedule) {
        return schedule.sigma(schedule.tMin()) == 0 && schedule.family() != ScheduleFamily.RECTIFIED_FLOW ? 1e-3 : schedule.tMin();
    }

    String describe() {
        return kind.name().toLowerCase() + (toZero ? " → σ = 0" : " → σ_min") + (stepsOffset != 0 ? ", steps_offset " + stepsOffset : "");
    }
}
