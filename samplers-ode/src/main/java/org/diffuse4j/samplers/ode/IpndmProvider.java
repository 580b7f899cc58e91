package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.samplers.ode.Ipndm.StepForm;

/** Provides {@link Ipndm} as {@code ipndm}. */
public final class IpndmProvider implements SolverProvider {
    /** ComfyUI's {@code max_order}; diffusers' IPNDMScheduler uses 4. */
    public static final Option<Integer> MAX_ORDER = Option.integer("max_order", 4, 1, 4,
            "largest number of noise estimates combined (Adams–Bashforth order)");

    /** The variables of the step: sigma (y = x/α, s = σ/α; ComfyUI) or diffusers (the VP state, α floored at 1e-8). */
    public static final Option<StepForm> STEP_FORM = Option.choice("step_form", StepForm.class, StepForm.SIGMA,
            "variables of the DDIM step with the combined noise estimate: sigma (y = x/α, s = σ/α; ComfyUI ipndm) or "
                    + "diffusers (IPNDMScheduler: x' = α'(x − σ ε̄)/max(α, 1e-8) + σ' ε̄, defined also at α = 0)");

    private static final SolverTraits TRAITS = SolverTraits.ode(2, 1,
                    "Zhang & Chen 2023, arXiv:2204.13902 (iPNDM); diffusers IPNDMScheduler, ComfyUI ipndm")
            .withSchedules(PfOdeVariables.SIGMA.families())
            .withHistory(3)
            .withOptions(MAX_ORDER, STEP_FORM);

    @Override public String name() { return "ipndm"; }

    @Override public Set<String> aliases() { return Set.of("IPNDMScheduler", "sample_ipndm", "i-pndm"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new Ipndm(config.grid(), config.options().get(MAX_ORDER), config.options().get(STEP_FORM));
    }
}
