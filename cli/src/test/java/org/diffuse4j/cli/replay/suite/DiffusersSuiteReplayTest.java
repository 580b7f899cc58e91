package org.diffuse4j.cli.replay.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.cli.replay.GoldenReplay;
import org.diffuse4j.models.bench.BenchProblems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays diffusers-suite/cases.json: every supported case reproduces the float64 reference sample within 1e-8
 * (elementwise |a − b| / max(|b|, 1e-6)), every other case carries an error naming why.
 */
class DiffusersSuiteReplayTest {
    static final double TOLERANCE = 1e-8;

    /** The cases replay reproduces; a regression of any of them fails. */
    static final Set<String> SUPPORTED = Set.of(
            "consistency_model/CMStochasticIterativeSchedulerTest.test_full_loop_no_noise_multistep#0",
            "ddim_parallel/DDIMParallelSchedulerTest.test_batch_step_no_noise#0",
            "ddim_parallel/DDIMParallelSchedulerTest.test_full_loop_with_noise#0",
            "ddim/DDIMSchedulerTest.test_full_loop_no_noise#0",
            "ddim_inverse/DDIMInverseSchedulerTest.test_full_loop_no_noise#0",
            "ddim_inverse/DDIMInverseSchedulerTest.test_full_loop_with_v_prediction#0",
            "ddim/DDIMSchedulerTest.test_full_loop_with_set_alpha_to_one#0",
            "ddpm_parallel/DDPMParallelSchedulerTest.test_batch_step_no_noise#0",
            "ddpm_parallel/DDPMParallelSchedulerTest.test_full_loop_with_v_prediction#0",
            "ddpm/DDPMSchedulerTest.test_full_loop_no_noise#0",
            "deis/DEISMultistepSchedulerTest.test_full_loop_no_noise#0",
            "deis/DEISMultistepSchedulerTest.test_switch#0",
            "dpm_multi_inverse/DPMSolverMultistepSchedulerTest.test_full_loop_no_noise#0",
            "dpm_multi_inverse/DPMSolverMultistepSchedulerTest.test_full_loop_with_v_prediction#0",
            "dpm_multi/DPMSolverMultistepSchedulerTest.test_full_loop_no_noise#0",
            "dpm_multi/DPMSolverMultistepSchedulerTest.test_full_loop_with_lu_and_v_prediction#0",
            "dpm_multi/DPMSolverMultistepSchedulerTest.test_switch#0",
            "dpm_sde/DPMSolverSDESchedulerTest.test_full_loop_device#0",
            "dpm_sde/DPMSolverSDESchedulerTest.test_full_loop_with_v_prediction#0",
            "dpm_single/DPMSolverSinglestepSchedulerTest.test_full_loop_no_noise#0",
            "dpm_single/DPMSolverSinglestepSchedulerTest.test_full_loop_with_noise#0",
            "dpm_single/DPMSolverSinglestepSchedulerTest.test_switch#0",
            "edm_dpmsolver_multistep/EDMDPMSolverMultistepSchedulerTest.test_full_loop_no_noise#0",
            "edm_dpmsolver_multistep/EDMDPMSolverMultistepSchedulerTest.test_full_loop_with_v_prediction#0",
            "edm_euler/EDMEulerSchedulerTest.test_full_loop_device#0",
            "euler_ancestral/EulerAncestralDiscreteSchedulerTest.test_full_loop_device#0",
            "euler_ancestral/EulerAncestralDiscreteSchedulerTest.test_full_loop_with_v_prediction#0",
            "euler/EulerDiscreteSchedulerTest.test_full_loop_device#0",
            "euler/EulerDiscreteSchedulerTest.test_full_loop_with_noise#0",
            "heun/HeunDiscreteSchedulerTest.test_full_loop_device#0",
            "heun/HeunDiscreteSchedulerTest.test_full_loop_with_noise#0",
            "kdpm2_ancestral/KDPM2AncestralDiscreteSchedulerTest.test_full_loop_device#0",
            "kdpm2_ancestral/KDPM2AncestralDiscreteSchedulerTest.test_full_loop_with_v_prediction#0",
            "kdpm2_discrete/KDPM2DiscreteSchedulerTest.test_full_loop_device#0",
            "kdpm2_discrete/KDPM2DiscreteSchedulerTest.test_full_loop_with_v_prediction#0",
            "lcm/LCMSchedulerTest.test_full_loop_multistep#0",
            "ipndm/IPNDMSchedulerTest.test_full_loop_no_noise#0",
            "lms/LMSDiscreteSchedulerTest.test_full_loop_device#0",
            "lms/LMSDiscreteSchedulerTest.test_full_loop_with_noise#0",
            "pndm/PNDMSchedulerTest.test_full_loop_no_noise#0",
            "pndm/PNDMSchedulerTest.test_full_loop_with_v_prediction#0",
            "sasolver/SASolverSchedulerTest.test_full_loop_device#0",
            "sasolver/SASolverSchedulerTest.test_full_loop_with_v_prediction#0",
            "score_sde_ve/ScoreSdeVeSchedulerTest.test_full_loop_no_noise#0",
            "tcd/TCDSchedulerTest.test_full_loop_multistep_deter#0",
            "unclip/UnCLIPSchedulerTest.test_full_loop#0",
            "unipc/UniPCMultistepScheduler1DTest.test_full_loop_no_noise#0",
            "unipc/UniPCMultistepScheduler1DTest.test_full_loop_with_noise#0",
            "unipc/UniPCMultistepScheduler1DTest.test_switch#1",
            "unipc/UniPCMultistepSchedulerTest.test_full_loop_with_karras_and_v_prediction#0",
            "unipc/UniPCMultistepSchedulerTest.test_switch#0");

    static final Path SUITE = BenchProblems.locate().resolve("diffusers-suite/cases.json");
    static JsonNode suite;
    static Map<String, SuiteReplay.CaseResult> results;

    static Map<String, SolverProvider> providers() {
        Map<String, SolverProvider> m = new HashMap<>();
        ServiceLoader.load(SolverProvider.class).forEach(p -> m.put(p.name(), p));
        return m;
    }

    @BeforeAll static void replayAll() {
        suite = GoldenReplay.read(SUITE);
        SuiteReplay replay = new SuiteReplay(providers()::get, SUITE.getParent());
        results = new LinkedHashMap<>();
        for (SuiteReplay.CaseResult r : replay.replay(suite)) results.put(r.id(), r);
        for (JsonNode c : suite.get("cases")) {
            String id = c.get("id").asText();
            SuiteReplay.CaseResult r = results.get(id);
            System.out.printf("%-95s %s%n", id, r.ok() ? String.format("rel %.3e", worst(c, r)) : "ERROR " + r.error());
        }
    }

    static double worst(JsonNode c, SuiteReplay.CaseResult r) {
        JsonNode ref = c.get("sample_f64");
        double[] got = r.sample().toArray();
        if (got.length != ref.size()) return Double.POSITIVE_INFINITY;
        double w = 0;
        for (int i = 0; i < got.length; i++) {
            double b = ref.get(i).asDouble();
            w = Math.max(w, Math.abs(got[i] - b) / Math.max(Math.abs(b), 1e-6));
        }
        return w;
    }

    @TestFactory Stream<DynamicTest> supportedCasesReproduceTheFloat64Reference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : suite.get("cases")) {
            String id = c.get("id").asText();
            if (!SUPPORTED.contains(id)) continue;
            tests.add(DynamicTest.dynamicTest(id, () -> {
                SuiteReplay.CaseResult r = results.get(id);
                assertThat(r.error()).as(id).isNull();
                assertThat(worst(c, r)).as(id + " worst relative difference").isLessThan(TOLERANCE);
            }));
        }
        return tests.stream();
    }

    @Test void everySupportedCaseIsInTheSuite() {
        assertThat(results.keySet()).containsAll(SUPPORTED);
    }

    @Test void unsupportedCasesCarryAnError() {
        for (SuiteReplay.CaseResult r : results.values()) {
            if (SUPPORTED.contains(r.id())) continue;
            assertThat(r.error()).as(r.id() + " is not in SUPPORTED, so it must be refused").isNotBlank();
        }
    }

    @Test void resultsFollowTheReplayContract() {
        JsonNode json = SuiteReplay.toJson(new ArrayList<>(results.values()));
        assertThat(json.get("cases")).hasSize(suite.get("cases").size());
        for (int i = 0; i < json.get("cases").size(); i++) {
            JsonNode o = json.get("cases").get(i);
            assertThat(o.get("id").asText()).isEqualTo(suite.get("cases").get(i).get("id").asText());
            assertThat(o.has("sample") ^ o.has("error")).as(o.get("id").asText()).isTrue();
        }
    }
}
