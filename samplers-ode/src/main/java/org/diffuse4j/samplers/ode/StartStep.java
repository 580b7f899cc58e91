package org.diffuse4j.samplers.ode;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.SolverConfig;

/**
 * The {@code start_step} option of solvers whose steps depend on the whole schedule and not only on the part they
 * walk: a run that begins part-way along its grid (image-to-image with strength &lt; 1, the loops of diffusers that
 * start at {@code timesteps[k]}). The solver is configured with the whole grid, walks its steps k … n − 1 (its
 * {@code grid()} is that part) and knows the levels before k.
 */
final class StartStep {
    private StartStep() {}

    static final Option<Integer> OPTION = Option.integer("start_step", 0, 0, 1_000_000,
            "grid step the run starts at (image-to-image): the solver walks the grid's steps from it on and knows "
                    + "the skipped levels before it");

    /** The start step of a configuration, refused unless it lies on the grid. */
    static int read(SolverConfig config) {
        int k = config.options().get(OPTION);
        int steps = config.grid().steps();
        if (k >= steps) {
            throw new ConfigurationException(OPTION.name(), k + " is not below the grid's " + steps + " steps; allowed: 0 … " + (steps - 1));
        }
        return k;
    }

    /** The part of a grid from step {@code first} on (landing levels kept). */
    static Grid rest(Grid grid, int first) {
        if (first == 0) return grid;
        Grid sub = Grid.of(grid.schedule(), grid.levels().subList(first, grid.steps() + 1));
        if (!grid.hasLandings()) return sub;
        List<NoiseLevel> landings = new ArrayList<>();
        for (int i = first; i < grid.steps(); i++) landings.add(grid.to(i));
        return sub.withLandings(landings);
    }
}
