package org.diffuse4j.models.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.ShapeMismatchException;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.ModelCards;
import org.diffuse4j.models.card.ModelDirectoryException;
import org.diffuse4j.models.card.Preconditioning;
import org.diffuse4j.models.card.TimeConditioning;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SavedModel denoiser on small trained models: validation before TensorFlow, scoping, chunking, threads. */
@Tag("tensorflow")
class SavedModelDenoiserTest {
    @TempDir static Path models;
    static Path plainDir, conditionalDir;
    static SavedModelDenoiser plain, conditional;
    static final DiscreteVpSchedule DDPM = DiscreteVpSchedule.fromBetas(Betas.linear(1e-4, 0.02, 1000));

    @BeforeAll static void train() {
        plainDir = TinyModels.export(models.resolve("plain"), false, 30);
        conditionalDir = TinyModels.export(models.resolve("conditional"), true, 30);
        plain = SavedModelDenoiser.open(plainDir);
        conditional = SavedModelDenoiser.open(conditionalDir);
    }

    @AfterAll static void close() {
        plain.close();
        conditional.close();
    }

    private static Tensor batch(int rows) { return NoiseSource.seeded(rows).gaussian(rows, 2); }

    @Test void readsItsConfigurationFromTheModelCard() {
        assertThat(plain.target()).isEqualTo(Prediction.EPSILON);
        assertThat(plain.config().time()).isEqualTo(TimeConditioning.TIMESTEP);
        assertThat(plain.config().dataShape()).containsExactly(2);
        assertThat(conditional.config().conditioning().nullClass()).isEqualTo(8);
        Tensor out = plain.predict(batch(5), DDPM.timestep(100), Conditioning.NONE);
        assertThat(out.shape()).containsExactly(5, 2);
        assertThat(out.isFinite()).isTrue();
    }

    @Test void rejectsBadShapesInJavaWithoutCallingTensorFlow() {
        long before = plain.networkCalls();
        assertThatThrownBy(() -> plain.predict(NoiseSource.seeded(1).gaussian(4, 3), DDPM.timestep(10), Conditioning.NONE))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[batch, 2]").hasMessageContaining("[4, 3]");
        assertThatThrownBy(() -> plain.predict(NoiseSource.seeded(1).gaussian(4, 2, 1), DDPM.timestep(10), Conditioning.NONE))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[4, 2, 1]");
        assertThatThrownBy(() -> conditional.predict(batch(4), DDPM.timestep(10), Conditioning.classes(1, 2)))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("2 labels for a batch of 4 rows");
        assertThat(plain.networkCalls()).isEqualTo(before);
        // the engine is still healthy: a failed TensorFlow op would have poisoned it
        assertThat(plain.predict(batch(4), DDPM.timestep(10), Conditioning.NONE).isFinite()).isTrue();
        assertThat(plain.networkCalls()).isEqualTo(before + 1);
    }

    @Test void labelsAreCheckedAndDefaultToTheNullClass() {
        long before = conditional.networkCalls();
        assertThatThrownBy(() -> conditional.predict(batch(3), DDPM.timestep(10), Conditioning.classes(9)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("label 9 is outside 0 … 7 (null class 8)");
        assertThatThrownBy(() -> plain.predict(batch(3), DDPM.timestep(10), Conditioning.classes(1)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("unconditional");
        assertThatThrownBy(() -> plain.predict(batch(3), DDPM.timestep(10), Conditioning.embedding(batch(3))))
                .hasMessageContaining("no embedding conditioning");
        assertThat(conditional.networkCalls()).isEqualTo(before);
        Tensor x = batch(3);
        assertThat(conditional.predict(x, DDPM.timestep(10), Conditioning.NONE))
                .isEqualTo(conditional.predict(x, DDPM.timestep(10), Conditioning.classes(8)));
        assertThat(conditional.predict(x, DDPM.timestep(10), Conditioning.classes(0)))
                .isNotEqualTo(conditional.predict(x, DDPM.timestep(10), Conditioning.classes(5)));
    }

    @Test void nonFiniteTimeInputIsRefusedBeforeTensorFlow() {
        try (SavedModelDenoiser sigma = SavedModelDenoiser.open(plainDir,
                SavedModelConfig.of(Prediction.EPSILON, TimeConditioning.SIGMA, 2))) {
            assertThatThrownBy(() -> sigma.predict(batch(2), NoiseLevel.of(1, 0, 1, 999), Conditioning.NONE))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("sigma");
            assertThat(sigma.networkCalls()).isZero();
        }
    }

    @Test void largeBatchesAreSplitIntoChunksWithTheSameResult() {
        Tensor x = batch(100);
        NoiseLevel level = DDPM.timestep(321);
        try (SavedModelDenoiser chunked = SavedModelDenoiser.open(plainDir, plain.config().withChunkSize(7))) {
            Tensor a = chunked.predict(x, level, Conditioning.NONE);
            assertThat(chunked.networkCalls()).isEqualTo(15);
            // equal up to float32 rounding: TensorFlow's matrix kernels block differently for 7 and 100 rows
            assertThat(a.maxAbsDistance(plain.predict(x, level, Conditioning.NONE))).isLessThan(1e-5);
        }
    }

    @Test void preconditioningWrapsTheRawNetworkAsAnEdmDenoiser() {
        Preconditioning pre = new Preconditioning(0.5, 0.01);
        NoiseLevel level = DDPM.timestep(400);
        double s = level.sigmaVe(), a = level.alpha();
        Tensor x = batch(6);
        try (SavedModelDenoiser raw = SavedModelDenoiser.open(plainDir, SavedModelConfig.of(Prediction.DATA, TimeConditioning.TIMESTEP, 2));
             SavedModelDenoiser edm = SavedModelDenoiser.open(plainDir, raw.config().withPreconditioning(pre))) {
            Tensor f = raw.predict(x.scale(pre.cIn(s) / a), level, Conditioning.NONE);   // F(c_in·y) with y = x/α
            Tensor expected = Tensor.combine(pre.cSkip(s) / a, x, pre.cOut(s), f);
            assertThat(edm.predict(x, level, Conditioning.NONE).maxAbsDistance(expected)).isLessThan(1e-6);
            assertThat(edm.target()).isEqualTo(Prediction.DATA);
        }
    }

    @Test void isSafeToShareBetweenThreads() throws Exception {
        Tensor x = batch(64);
        List<NoiseLevel> levels = List.of(DDPM.timestep(10), DDPM.timestep(200), DDPM.timestep(700), DDPM.timestep(999));
        List<Tensor> serial = new ArrayList<>();
        for (NoiseLevel l : levels) serial.add(plain.predict(x, l, Conditioning.NONE));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> jobs = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        int k = (i + offset) % levels.size();
                        if (!plain.predict(x, levels.get(k), Conditioning.NONE).equals(serial.get(k))) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> j : jobs) assertThat(j.get()).isTrue();
        } finally {
            pool.shutdown();
        }
    }

    @Test void networkTimeIsThePartOfEachCallSpentInTensorFlow() {
        Tensor x = batch(500);
        long before = plain.networkNanos();
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) plain.predict(x, DDPM.timestep(100 * i), Conditioning.NONE);
        long wall = System.nanoTime() - start;
        assertThat(plain.networkNanos() - before).isPositive().isLessThanOrEqualTo(wall);
        long rejected = plain.networkNanos();
        assertThatThrownBy(() -> plain.predict(NoiseSource.seeded(1).gaussian(4, 3), DDPM.timestep(10), Conditioning.NONE))
                .isInstanceOf(ShapeMismatchException.class);
        assertThat(plain.networkNanos()).as("a call refused in Java never reaches TensorFlow").isEqualTo(rejected);
    }

    @Test void noArrayOutlivesACallOverTenThousandCalls() throws IOException {
        Tensor x = batch(64);
        NoiseLevel level = DDPM.timestep(500);
        for (int i = 0; i < 1000; i++) plain.predict(x, level, Conditioning.NONE);   // warm-up: allocator pools, JIT
        assertThat(plain.attachedArrays()).isZero();
        // the resident size (heap pre-touched by the surefire argLine) settles within ~15 000 calls (docs/models.md);
        // its floor over the first and last 4000 of 10 000 calls may differ by that settling, far less than a leak
        // of a call's arrays and TensorFlow handles would add
        long firstFloor = Long.MAX_VALUE, lastFloor = Long.MAX_VALUE, peak = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            plain.predict(x, level, Conditioning.NONE);
            if (i % 250 == 249) {
                long rss = residentKb();
                peak = Math.max(peak, rss);
                if (i < 4000) firstFloor = Math.min(firstFloor, rss);
                if (i >= 6000) lastFloor = Math.min(lastFloor, rss);
            }
        }
        double micros = (System.nanoTime() - start) / 1e3 / 10_000;
        System.out.printf("10000 calls of 64 rows: %.0f µs per call; resident floor %d → %d MB, peak %d MB%n", micros,
                firstFloor / 1024, lastFloor / 1024, peak / 1024);
        assertThat(plain.attachedArrays()).isZero();
        assertThat(lastFloor - firstFloor).as("growth of the resident floor in kB").isLessThan(48 * 1024);
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test void missingOrMalformedDirectoriesNameThePathAndWhatIsMissing(@TempDir Path dir) throws IOException {
        SavedModelConfig config = SavedModelConfig.of(Prediction.EPSILON, TimeConditioning.TIMESTEP, 2);
        Path nowhere = dir.resolve("nowhere");
        assertThatThrownBy(() -> SavedModelDenoiser.open(nowhere, config)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining(nowhere.toString()).hasMessageContaining("no such directory");
        assertThatThrownBy(() -> SavedModelDenoiser.open(dir, config)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("no saved_model.pb");
        assertThatThrownBy(() -> SavedModelDenoiser.open(dir)).hasMessageContaining(dir.toString()).hasMessageContaining("no diffuse4j.json");

        Files.write(dir.resolve("saved_model.pb"), new byte[] {1, 2, 3, 4, 5, 6, 7});
        assertThatThrownBy(() -> SavedModelDenoiser.open(dir, config)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining(dir.resolve("saved_model.pb").toString()).hasMessageContaining("not a SavedModel");

        Files.copy(plainDir.resolve("saved_model.pb"), dir.resolve("saved_model.pb"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelCard.Signature wrongInput = new ModelCard.Signature("serving_default", "input", "t", null, "out");
        assertThatThrownBy(() -> SavedModelDenoiser.open(dir, config.withSignature(wrongInput)))
                .hasMessageContaining("has no input 'input' (inputs: [t, x])");
        assertThatThrownBy(() -> SavedModelDenoiser.open(dir, config.withSignature(new ModelCard.Signature("predict", null, null, null, null))))
                .hasMessageContaining("no signature 'predict' (signatures: [serving_default])");
        assertThatThrownBy(() -> SavedModelDenoiser.open(dir, SavedModelConfig.of(Prediction.EPSILON, TimeConditioning.TIMESTEP, 3)))
                .hasMessageContaining("input 'x' has shape [?, 2] but the model card says [batch, 3]");
        SavedModelConfig conditionalConfig = new SavedModelConfig(Prediction.EPSILON, TimeConditioning.TIMESTEP, null, new int[] {2},
                ModelCard.Signature.DEFAULT.withLabel("label"), new ModelCard.ClassConditioning(8, 8, null), 64);
        assertThatThrownBy(() -> SavedModelDenoiser.open(dir, conditionalConfig)).hasMessageContaining("has no input 'label'");
        // every refusal above happened before TensorFlow saw the directory; the engine still loads it
        try (SavedModelDenoiser ok = SavedModelDenoiser.open(dir, config)) {
            assertThat(ok.predict(batch(2), DDPM.timestep(3), Conditioning.NONE).isFinite()).isTrue();
        }
        Files.writeString(dir.resolve(ModelCards.FILE_NAME), "{\"schedule\": 1}");
        assertThatThrownBy(() -> SavedModelDenoiser.open(dir)).hasMessageContaining(dir.resolve(ModelCards.FILE_NAME).toString());
    }

    @Test void closedModelsRefuseCalls() {
        SavedModelDenoiser d = SavedModelDenoiser.open(plainDir);
        d.close();
        d.close();
        assertThatThrownBy(() -> d.predict(batch(1), DDPM.timestep(1), Conditioning.NONE)).hasMessageContaining("closed");
    }

    @Test void outputsArePlainDoublesOfTheFloat32Network() {
        Tensor out = plain.predict(batch(3), DDPM.timestep(50), Conditioning.NONE);
        for (int i = 0; i < out.size(); i++) assertThat(out.get(i)).isEqualTo((float) out.get(i), within(0.0));
    }
}
