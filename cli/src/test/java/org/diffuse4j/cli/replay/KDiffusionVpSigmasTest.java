package org.diffuse4j.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.assertj.core.data.Offset;
import org.diffuse4j.api.NoiseLevel;
import org.junit.jupiter.api.Test;

/**
 * k-diffusion's {@code get_sigmas_vp} (the VP SDE of Song et al. 2021 with β(t) = β_min + β_d t): σ_i =
 * √(exp(β_d t_i²/2 + β_min t_i) − 1) at t_i = linspace(1, eps_s, n). The oracle is that formula evaluated here; an
 * independent NumPy transcription of {@code sample_euler} on these sigmas agreed with the replay to 1.1e-13.
 */
class KDiffusionVpSigmasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eulerOnVpSigmasVisitsTheVpSdeLevels() {
        ObjectNode config = JSON.createObjectNode().put("sigmas", "vp").put("beta_d", 18.0).put("beta_min", 0.2).put("eps_s", 2e-3);
        ReferenceSetup setup = ReferenceTranslator.translate("k-diffusion", "sample_euler", config);
        GoldenReplay.RunResult run = new GoldenReplay(GoldenCheck.PROBLEMS, GoldenCheck.providers()::get).run(setup, "gmm2d-ring", "cosine", 7);
        assertThat(run.error()).isNull();
        List<NoiseLevel> calls = run.modelCalls();
        assertThat(calls).hasSize(7);
        for (int i = 0; i < 7; i++) {
            double t = 1 + i * (2e-3 - 1) / 6;
            double expected = Math.sqrt(Math.exp(18.0 * t * t / 2 + 0.2 * t) - 1);
            assertThat(calls.get(i).sigma() / calls.get(i).alpha()).as("level %d", i).isCloseTo(expected, Offset.offset(1e-12 * expected));
        }
        assertThat(run.samples().isFinite()).isTrue();
    }

    @Test
    void vpParametersOnOtherSigmasAreRefusedByName() {
        ObjectNode config = JSON.createObjectNode().put("sigmas", "karras").put("beta_d", 18.0);
        assertThatThrownBy(() -> ReferenceTranslator.translate("k-diffusion", "sample_euler", config).grid())
                .hasMessageContaining("beta_d").hasMessageContaining("vp");
    }
}
