package org.diffuse4j.cli.replay.suite;

import org.diffuse4j.api.Tensor;

/**
 * Replays the cases of one diffusers scheduler class: reads its {@code config_full} key by key, builds the grid
 * its {@code set_timesteps} produces and the solver that reproduces its {@code step}, and runs the case's loop.
 * A configuration or loop it cannot reproduce exactly is refused with a {@link org.diffuse4j.cli.replay.ReplayException}
 * naming the reason.
 */
@FunctionalInterface
interface SchedulerTranslation {
    /** The case's final sample, in the scheduler's variables and the case's sample shape. */
    Tensor replay(SuiteCase c, SuiteContext ctx);
}
