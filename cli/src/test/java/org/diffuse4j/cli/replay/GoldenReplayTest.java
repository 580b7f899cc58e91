package org.diffuse4j.cli.replay;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The golden files of the foundation's samplers (DDIM, Euler, DPM-Solver++(2M)) reproduce through replay. */
class GoldenReplayTest {
    @TestFactory
    Stream<DynamicTest> foundationGoldenFilesReproduce() {
        return GoldenCheck.files(List.of(
                "diffusers__DDIMScheduler__46c5548ef1.json",
                "diffusers__DDIMScheduler__50ecf79b51.json",
                "diffusers__DDIMScheduler__de977fa004.json",
                "diffusers__EulerDiscreteScheduler__0c44e33d25.json",
                "diffusers__DPMSolverMultistepScheduler__20050dc375.json",
                "diffusers__DPMSolverMultistepScheduler__c14e903cfb.json",
                "dpm-solver__DPM_Solver.sample__e441b671e5.json",
                "dpm-solver__DPM_Solver.sample__180a1bebf3.json",
                "k-diffusion__sample_euler__dd5b3ce7af.json",
                "k-diffusion__sample_dpmpp_2m__f5925e7df3.json"));
    }
}
