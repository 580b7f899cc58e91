package org.diffuse4j.cli.replay;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden files of the DPM-Solver family reproduce through replay: the official {@code DPM_Solver.sample}
 * (multistep DPM-Solver-3 in noise prediction, singlestep DPM-Solver-2 with {@code denoise_to_zero}, singlestep
 * DPM-Solver++ of order 3, multistep DPM-Solver++(2M) with ε and x₀ models) and diffusers' DPMSolverMultistep
 * (dpmsolver with σ_min, dpmsolver++ midpoint, Karras) and DPMSolverSinglestep schedulers.
 */
class DpmSolverGoldenTest {
    @TestFactory
    Stream<DynamicTest> dpmSolverGoldenFilesReproduce() {
        return GoldenCheck.files(List.of(
                "dpm-solver__DPM_Solver.sample__4d20137896.json",
                "dpm-solver__DPM_Solver.sample__abde9bfcb3.json",
                "dpm-solver__DPM_Solver.sample__77d02fe472.json",
                "dpm-solver__DPM_Solver.sample__e441b671e5.json",
                "dpm-solver__DPM_Solver.sample__180a1bebf3.json",
                "diffusers__DPMSolverMultistepScheduler__234de0f26b.json",
                "diffusers__DPMSolverMultistepScheduler__20050dc375.json",
                "diffusers__DPMSolverMultistepScheduler__c14e903cfb.json",
                "diffusers__DPMSolverSinglestepScheduler__7ad2b7cafa.json"));
    }
}
