package org.diffuse4j.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;

/**
 * A diffusers {@code scheduler_config.json} turned into the sampler a diffusers pipeline with that config
 * would run: the scheduler class picks the translation replay uses, the beta keys build the schedule, and
 * every key is either used (and reported) or refused by name.
 */
public record DiffusersConfig(String className, ReferenceSetup setup, DiscreteVpSchedule schedule, List<String> usedKeys) {

    /** Reads and translates a scheduler_config.json. */
    public static DiffusersConfig read(Path file) {
        JsonNode node;
        try {
            node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigurationException("diffusers-config", "cannot read " + file + ": " + e.getMessage());
        }
        if (node == null || !node.isObject()) throw new ConfigurationException("diffusers-config", file + " is not a JSON object");
        return of(node);
    }

    /** Translates a parsed scheduler config. */
    public static DiffusersConfig of(JsonNode node) {
        JsonNode cls = node.get("_class_name");
        if (cls == null || !cls.isTextual()) {
            throw new ConfigurationException("_class_name", "a diffusers scheduler config names its class in _class_name");
        }
        ObjectNode config = ((ObjectNode) node).deepCopy();
        config.remove(List.of("_class_name", "_diffusers_version"));
        ConfigReader c = new ConfigReader("diffusers " + cls.asText(), config);
        DiscreteVpSchedule schedule = schedule(c);
        ReferenceSetup setup = ReferenceTranslator.translate("diffusers", cls.asText(), c);
        return new DiffusersConfig(cls.asText(), setup, schedule, new ArrayList<>(c.presentKeysRead()));
    }

    /** diffusers' betas: trained_betas, or beta_schedule linear / scaled_linear / squaredcos_cap_v2 over num_train_timesteps. */
    static DiscreteVpSchedule schedule(ConfigReader c) {
        int n = c.integer("num_train_timesteps", 1000);
        double start = c.real("beta_start", 0.0001), end = c.real("beta_end", 0.02);
        String kind = c.choice("beta_schedule", "linear", "linear", "scaled_linear", "squaredcos_cap_v2");
        JsonNode trained = c.json("trained_betas");
        double[] betas;
        if (trained != null) {
            betas = new double[trained.size()];
            for (int i = 0; i < betas.length; i++) betas[i] = trained.get(i).asDouble();
        } else {
            betas = switch (kind) {
                case "linear" -> Betas.linear(start, end, n);
                case "scaled_linear" -> Betas.scaledLinear(start, end, n);
                default -> Betas.squaredCosCapV2(n);
            };
        }
        return DiscreteVpSchedule.fromBetas(betas);
    }
}
