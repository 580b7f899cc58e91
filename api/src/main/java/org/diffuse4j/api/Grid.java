package org.diffuse4j.api;

import java.util.Arrays;
import java.util.List;

/**
 * A discretisation of the sampling path: noise levels level(0) … level(steps), walked from noise
 * towards data. Step i starts at {@link #from(int)} (where the model is evaluated) and lands at
 * {@link #to(int)}, normally the next level.
 *
 * <p>Some reference schedulers land a step somewhere other than the level of the next model call
 * (diffusers' DDIM computes the previous timestep as t − N/steps whatever the spacing); a grid can
 * record such landing levels explicitly with {@link #withLandings(List)} so that those schedulers
 * are reproduced exactly rather than approximated.
 */
public final class Grid {
    private final Schedule schedule;
    private final NoiseLevel[] levels;
    private final NoiseLevel[] landings; // null: step i lands at levels[i + 1]

    private Grid(Schedule schedule, NoiseLevel[] levels, NoiseLevel[] landings) {
        this.schedule = schedule;
        this.levels = levels;
        this.landings = landings;
    }

    /** A grid over {@code levels} (at least two: one step). */
    public static Grid of(Schedule schedule, List<NoiseLevel> levels) {
        if (schedule == null) throw new ConfigurationException("schedule", "is required");
        if (levels.size() < 2) {
            throw new ConfigurationException("steps", "a grid needs at least 1 step (2 levels), got " + levels.size() + " levels");
        }
        return new Grid(schedule, levels.toArray(NoiseLevel[]::new), null);
    }

    /** This grid with explicit landing levels, one per step. */
    public Grid withLandings(List<NoiseLevel> landingLevels) {
        if (landingLevels.size() != steps()) {
            throw new ConfigurationException("landings", "need one landing level per step (" + steps() + "), got " + landingLevels.size());
        }
        return new Grid(schedule, levels, landingLevels.toArray(NoiseLevel[]::new));
    }

    /** The schedule the levels belong to (for solvers that need intermediate levels). */
    public Schedule schedule() { return schedule; }

    /** Number of steps. */
    public int steps() { return levels.length - 1; }

    /** Level i, 0 ≤ i ≤ steps. */
    public NoiseLevel level(int i) { return levels[i]; }

    /** Where step i starts. */
    public NoiseLevel from(int i) { return levels[i]; }

    /** Where step i lands. */
    public NoiseLevel to(int i) { return landings == null ? levels[i + 1] : landings[i]; }

    /** True when step i is the last. */
    public boolean isLast(int i) { return i == steps() - 1; }

    /** True when the grid ends at clean data (σ = 0) rather than at a final noise level. */
    public boolean endsAtData() { return to(steps() - 1).isClean(); }

    /** True when some step lands away from the next level. */
    public boolean hasLandings() { return landings != null; }

    /** All levels, 0 … steps. */
    public List<NoiseLevel> levels() { return List.of(levels); }

    /** The times of all levels. */
    public double[] times() { return Arrays.stream(levels).mapToDouble(NoiseLevel::t).toArray(); }

    @Override public String toString() {
        return "Grid[" + steps() + " steps, t " + levels[0].t() + " → " + to(steps() - 1).t()
                + (endsAtData() ? ", ends at data" : ", ends at σ = " + to(steps() - 1).sigma()) + "]";
    }
}
