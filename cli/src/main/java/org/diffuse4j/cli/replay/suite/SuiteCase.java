package org.diffuse4j.cli.replay.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.cli.replay.ReplayException;

/**
 * One case of diffusers-suite/cases.json: a loop taken from diffusers' {@code tests/schedulers/}, with the
 * scheduler class and its full configuration, the {@code set_timesteps} calls, the loop's procedure, the
 * recorded noise and (for checking) the float64 reference results.
 *
 * @param id               the case id, {@code <family>/<TestClass>.<method>#<n>}
 * @param schedulerClass   diffusers' scheduler class name
 * @param config           {@code config_full}: every constructor argument the scheduler used
 * @param setTimesteps     the {@code set_timesteps}/{@code set_sigmas} calls, in order
 * @param timesteps        {@code scheduler.timesteps} as the float64 run computed them (null if absent)
 * @param sigmas           {@code scheduler.sigmas} of the float64 run (null if the scheduler has none)
 * @param initNoiseSigma   {@code scheduler.init_noise_sigma} of the float64 run
 * @param extraSchedules   further recorded schedules (PNDM's prk/plms timesteps, …)
 * @param procedure        how the test loops
 * @param noise            the recorded scheduler draws (null for deterministic cases)
 * @param sampleShape      shape of the final sample
 * @param notes            the case's notes (free text, may be empty)
 * @param json             the whole case, for fields only one translation needs
 */
public record SuiteCase(String id, String schedulerClass, JsonNode config, List<Call> setTimesteps, double[] timesteps,
                        double[] sigmas, double initNoiseSigma, JsonNode extraSchedules, Procedure procedure,
                        NoiseTrace noise, int[] sampleShape, String notes, JsonNode json) {

    /** One {@code set_timesteps}-like call: method name, positional and keyword arguments. */
    public record Call(String method, JsonNode args, JsonNode kwargs) {
        /** The first positional argument or the keyword {@code name}, or null. */
        public JsonNode arg(int position, String name) {
            if (args != null && args.size() > position && !args.get(position).isNull()) return args.get(position);
            JsonNode k = kwargs == null ? null : kwargs.get(name);
            return k == null || k.isNull() ? null : k;
        }
    }

    /** How {@code scale_model_input} was used by the test loop. */
    public enum ScaleMode {
        /** x_in = scale_model_input(x, t) goes to the model; step gets the unscaled x. */
        MODEL_INPUT_ONLY,
        /** x = scale_model_input(x, t) replaces the state: the model and step both get the scaled x. */
        STATE_REPLACED,
        /** scale_model_input is not called. */
        NOT_USED
    }

    /**
     * The test's loop.
     *
     * @param xInit          "D", "D*init_noise_sigma" or "other" (see the notes)
     * @param addNoiseAt     the timestep value add_noise used (NaN without add_noise)
     * @param scaleMode      how scale_model_input was used
     * @param loop           "all timesteps", "timesteps[k:]", …
     * @param stepMethods    the scheduler methods called, in order (one entry when all calls use the same)
     * @param stepExtraArgs  extra step() arguments (eta, generator, …)
     * @param modelCalls     how many times the model was called
     * @param stepCalls      how many times the scheduler's step methods were called
     */
    public record Procedure(String xInit, double addNoiseAt, ScaleMode scaleMode, String loop, List<String> stepMethods,
                            JsonNode stepExtraArgs, int modelCalls, int stepCalls) {
        /** True when the test added noise to x_init before looping. */
        public boolean addsNoise() { return !Double.isNaN(addNoiseAt); }

        /** The index k of {@code timesteps[k:]}, 0 for "all timesteps"; −1 when the loop is something else. */
        public int loopStart() {
            if (loop.equals("all timesteps")) return 0;
            if (loop.matches("timesteps\\[\\d+:]")) return Integer.parseInt(loop.substring(10, loop.length() - 2));
            return -1;
        }

        /**
         * How many times the loop walks its timesteps: 1 for a {@code timesteps[k:]} loop, 2 for "all timesteps, twice"
         * (a test that loops again after resetting only the step index); −1 for any other loop.
         */
        public int passes() {
            if (loopStart() >= 0) return 1;
            if (loop.startsWith("all timesteps, twice")) return 2;
            return -1;
        }

        /** eta passed to step (0 when absent). */
        public double eta() {
            JsonNode e = stepExtraArgs == null ? null : stepExtraArgs.get("eta");
            return e == null || e.isNull() ? 0 : e.asDouble();
        }
    }

    /**
     * The recorded draws of a random case.
     *
     * @param file    path of the raw little-endian float32 file, relative to cases.json's directory
     * @param shapes  shape of every draw in consumption order
     * @param floatsUsed how many leading floats of the file the draws use
     * @param stepCalls  the index of the step call that consumed each draw
     */
    public record NoiseTrace(String file, List<int[]> shapes, long floatsUsed, int[] stepCalls) {}

    /** Parses one case. */
    public static SuiteCase parse(JsonNode c) {
        String id = c.path("id").asText();
        try {
            return new SuiteCase(id, c.path("scheduler_class").asText(), c.get("config_full"), calls(c.get("set_timesteps_calls")),
                    f64(c, "timesteps"), f64(c, "sigmas"), initNoiseSigma(c), c.path("extra_schedules"),
                    procedure(c.get("procedure")), noise(c.get("noise_trace")), shape(c), c.path("notes").asText(""), c);
        } catch (RuntimeException e) {
            throw new ReplayException("case " + id + " is malformed: " + e.getMessage());
        }
    }

    /** The float64 version of an array field ({@code <name>_f64} unless it says "same"). */
    static double[] f64(JsonNode c, String name) {
        JsonNode v = c.get(name + "_f64");
        if (v == null || v.isNull() || (v.isTextual() && v.asText().equals("same"))) v = c.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) throw new ReplayException(name + " is not an array");
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) out[i] = v.get(i).asDouble();
        return out;
    }

    private static double initNoiseSigma(JsonNode c) {
        JsonNode v = c.get("init_noise_sigma_f64");
        if (v == null || !v.isNumber()) v = c.get("init_noise_sigma");
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    private static List<Call> calls(JsonNode a) {
        List<Call> out = new ArrayList<>();
        if (a == null) return out;
        for (JsonNode n : a) out.add(new Call(n.path("method").asText(), n.get("args"), n.get("kwargs")));
        return out;
    }

    private static Procedure procedure(JsonNode p) {
        if (p == null) throw new ReplayException("no procedure");
        JsonNode add = p.get("add_noise");
        double at = Double.NaN;
        if (add != null && !add.isNull()) {
            if (!add.path("noise").asText().equals("N")) throw new ReplayException("add_noise with noise " + add.get("noise"));
            at = add.path("timestep").asDouble();
        }
        String mode = p.path("scale_model_input").asText();
        ScaleMode scale = switch (mode) {
            case "model_input_only" -> ScaleMode.MODEL_INPUT_ONLY;
            case "state_replaced" -> ScaleMode.STATE_REPLACED;
            case "not_used" -> ScaleMode.NOT_USED;
            default -> throw new ReplayException("scale_model_input mode '" + mode + "'");
        };
        List<String> methods = new ArrayList<>();
        JsonNode m = p.get("step_methods");
        if (m != null && m.isArray()) m.forEach(x -> methods.add(x.asText()));
        else if (m != null) methods.add(m.asText());
        return new Procedure(p.path("x_init").asText(), at, scale, p.path("loop").asText(), List.copyOf(methods),
                p.get("step_extra_args"), p.path("n_model_calls").asInt(), p.path("n_step_calls").asInt());
    }

    private static NoiseTrace noise(JsonNode n) {
        if (n == null || n.isNull()) return null;
        int count = n.path("n_draws").asInt();
        JsonNode d = n.get("draws");
        List<int[]> shapes = new ArrayList<>();
        int[] calls;
        if (d != null && d.isArray()) {
            calls = new int[d.size()];
            for (int i = 0; i < d.size(); i++) {
                shapes.add(ints(d.get(i).get("shape")));
                calls[i] = d.get(i).path("step_call_index").asInt(-1);
            }
        } else if (d != null && d.path("all_shapes_equal").asBoolean(false)) {
            int[] s = ints(d.get("first").get(0).get("shape"));
            for (int i = 0; i < count; i++) shapes.add(s);
            calls = ints(d.get("step_call_index_of_each_draw"));
        } else {
            throw new ReplayException("noise_trace draws of unequal shapes are listed only in part");
        }
        if (shapes.size() != count) throw new ReplayException("noise_trace lists " + shapes.size() + " draws, n_draws = " + count);
        return new NoiseTrace(n.path("file").asText(), List.copyOf(shapes), n.path("floats_used").asLong(), calls);
    }

    private static int[] shape(JsonNode c) {
        JsonNode s = c.path("f64").get("shape");
        if (s == null) s = c.path("dummy").get("sample_shape");
        return ints(s);
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }

    /** The sample shape the dummies have: {@code dummy.sample_shape}. */
    public int[] dummyShape() {
        JsonNode s = json.path("dummy").get("sample_shape");
        return s == null ? sampleShape : ints(s);
    }
}
