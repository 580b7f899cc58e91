package org.diffuse4j.cli.replay.suite;

import org.diffuse4j.cli.replay.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.cli.replay.ReplayException;

/** Conventions shared by the diffusers scheduler translations of the suite. */
final class Diffusers {
    private Diffusers() {}

    /** {@code prediction_type}: epsilon, sample or v_prediction. */
    static Prediction prediction(ConfigReader c) {
        return Prediction.parse(c.choice("prediction_type", "epsilon", "epsilon", "sample", "v_prediction"));
    }

    /** The {@code num_inference_steps} of the case's single {@code set_timesteps(n)} call. */
    static int inferenceSteps(SuiteCase c) {
        if (c.setTimesteps().size() != 1) {
            throw new ReplayException("expected one set_timesteps call, the case makes " + c.setTimesteps().size());
        }
        SuiteCase.Call call = c.setTimesteps().get(0);
        if (!call.method().equals("set_timesteps")) throw new ReplayException("unsupported call " + call.method());
        var n = call.arg(0, "num_inference_steps");
        if (n == null || !n.canConvertToInt()) {
            throw new ReplayException("set_timesteps without num_inference_steps (custom timesteps or sigmas) is not supported");
        }
        var kw = call.kwargs();
        if (kw != null) {
            for (var it = kw.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("device") && !k.equals("num_inference_steps")) {
                    throw new ReplayException("set_timesteps(" + k + "=" + kw.get(k) + ") is not supported");
                }
            }
        }
        return n.asInt();
    }

    /** The step() extra arguments other than generator, refused unless listed. */
    static void stepArgs(SuiteCase c, String... allowed) {
        var args = c.procedure().stepExtraArgs();
        if (args == null) return;
        for (var it = args.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equals("generator")) continue;
            if (!java.util.List.of(allowed).contains(k)) {
                throw new ReplayException("step(" + k + "=" + args.get(k) + ") is not supported");
            }
        }
    }

    /**
     * Collects solver options. Options that define the reference's algorithm are passed explicitly ({@link #put});
     * neutral ones (a correction switched off, a default scale of 1) are passed only when the solver declares them
     * ({@link #soft}), so that a solver without such an option still accepts the rest while one with it cannot fall
     * back to a different default.
     */
    static final class Options {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final java.util.Set<String> declared;

        /** Options for a solver; its declared option names decide which soft entries are passed. */
        Options(SuiteContext ctx, String solverId) {
            java.util.Set<String> names = new java.util.HashSet<>();
            if (ctx != null && ctx.has(solverId)) ctx.solver(solverId).traits().options().forEach(o -> names.add(o.name()));
            this.declared = names;
        }

        Options put(String name, Object value) {
            values.put(name, String.valueOf(value));
            return this;
        }

        Options putIf(boolean active, String name, Object value) {
            if (active) put(name, value);
            return this;
        }

        /** A neutral value: passed only when the solver declares the option. */
        Options soft(String name, Object value) {
            if (declared.contains(name)) put(name, value);
            return this;
        }

        /** A switch: passed when on, and when off only if the solver declares it. */
        Options flag(String name, boolean on) {
            return on ? put(name, true) : soft(name, false);
        }

        SolverOptions build() { return SolverOptions.of(values); }
    }
}
