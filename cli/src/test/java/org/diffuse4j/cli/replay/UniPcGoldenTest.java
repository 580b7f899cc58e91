package org.diffuse4j.cli.replay;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The golden files of UniPC (official uni_pc.py and diffusers) and DEIS (diffusers) reproduce through replay. */
class UniPcGoldenTest {
    @TestFactory
    Stream<DynamicTest> uniPcAndDeisGoldenFilesReproduce() {
        return GoldenCheck.files(List.of(
                "unipc__UniPC.sample__2d831ccf68.json",
                "unipc__UniPC.sample__4a780d6d8b.json",
                "unipc__UniPC.sample__e4db8b7ef1.json",
                "diffusers__UniPCMultistepScheduler__b20f1b7170.json",
                "diffusers__DEISMultistepScheduler__c1bcdfb573.json"));
    }
}
