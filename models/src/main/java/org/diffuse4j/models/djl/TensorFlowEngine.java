package org.diffuse4j.models.djl;

import ai.djl.engine.Engine;

/** DJL's TensorFlow engine, started once per JVM from the bundled natives. */
public final class TensorFlowEngine {
    private TensorFlowEngine() {}

    /**
     * The engine. It must have started before TensorFlow's own graph API ({@code org.tensorflow.Graph},
     * used for training) is touched: starting it loads the native library that API binds to.
     *
     * @throws IllegalStateException naming the artifacts to add when the engine or its natives are missing
     */
    public static Engine get() {
        try {
            return Engine.getEngine("TensorFlow");
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("the TensorFlow engine is not available (" + e.getMessage() + "); put ai.djl.tensorflow:"
                    + "tensorflow-engine and ai.djl.tensorflow:tensorflow-native-cpu (classifier linux-x86_64) on the class path", e);
        }
    }
}
