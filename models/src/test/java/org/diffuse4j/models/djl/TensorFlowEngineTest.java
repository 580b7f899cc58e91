package org.diffuse4j.models.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.util.Platform;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The TensorFlow engine starts offline from the bundled natives. A surefire test rather than an IT
 * (STYLE §11) because the natives are a runtime dependency of this module and always present; the first
 * run extracts them (~1 GB) into ~/.djl.ai.
 */
@Tag("tensorflow")
class TensorFlowEngineTest {

    @Test
    void runsOfflineWithTheCpuNativesDeclaredByOurPropertiesFile() {
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        Platform platform = Platform.detectPlatform("tensorflow");
        assertThat(platform.isPlaceholder()).isFalse();
        assertThat(platform.getFlavor()).isEqualTo("cpu");
        assertThat(platform.getClassifier()).isEqualTo("linux-x86_64");
    }

    @Test
    void addsTwoArraysOnTheTensorFlowEngine() {
        Engine engine = Engine.getEngine("TensorFlow");
        assertThat(engine.getEngineName()).isEqualTo("TensorFlow");
        assertThat(engine.getVersion()).startsWith("2.10.1");
        try (NDManager manager = engine.newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3});
            NDArray b = manager.create(new float[] {10, 20, 30});
            assertThat(a.add(b).toFloatArray()).containsExactly(11f, 22f, 33f);
        }
    }
}
