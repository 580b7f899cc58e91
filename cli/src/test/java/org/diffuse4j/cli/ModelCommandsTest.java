package org.diffuse4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.ModelCards;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code sample --model} and {@code train} end to end. */
@Tag("tensorflow")
class ModelCommandsTest {
    @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

    @Test void sampleAShippedModelByNameWritesCsvAndPng(@TempDir Path dir) throws Exception {
        int code = Main.execute("sample", "--model", "ring2d-eps", "--out", dir.toString());
        assertThat(code).as(console.stderr()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("samples.csv"));
        assertThat(lines).hasSize(2001);
        assertThat(lines.get(0)).isEqualTo("x1,x2");
        assertThat(ImageIO.read(dir.resolve("samples.png").toFile()).getWidth()).isEqualTo(720);
        assertThat(console.stdout()).contains("dpmpp-2m: 2000 samples of model ring2d-eps (epsilon, timestep time input)", "20 steps",
                "mean distance to nearest mode", "mode-weight total variation");
    }

    @Test void unknownModelsAndFixedFlagsAreOneLineErrors(@TempDir Path dir) {
        assertThat(Main.execute("sample", "--model", "ring3d", "--out", dir.toString())).isEqualTo(2);
        assertThat(console.stderr()).contains("error: model: ", "ring3d: no such directory, and 'ring3d' is not a shipped model (shipped: ring2d-eps");
        assertThat(Main.execute("sample", "--model", "ring2d-eps", "--schedule", "cosine", "--out", dir.toString())).isEqualTo(2);
        assertThat(console.stderr()).contains("the model card fixes the schedule");
    }

    @Test void trainWritesAModelItsCardAndLossCurveThatSampleReads(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("tiny");
        int code = Main.execute("train", "--out", model.toString(), "--objective", "v_prediction", "--steps", "60", "--batch", "64",
                "--hidden", "16", "--layers", "2", "--seed", "3");
        assertThat(code).as(console.stderr()).isZero();
        assertThat(model.resolve("saved_model.pb")).exists();
        assertThat(ImageIO.read(model.resolve("loss.png").toFile()).getWidth()).isEqualTo(800);
        ModelCard card = ModelCards.read(model);
        assertThat(card.prediction()).isEqualTo("v");
        assertThat(card.training().command()).isEqualTo("./diffuse4j train --out " + model + " --objective v_prediction --steps 60 "
                + "--batch 64 --hidden 16 --layers 2 --seed 3");
        assertThat(card.training().steps()).isEqualTo(60);
        assertThat(card.figures().finalLoss()).isFinite();
        assertThat(console.stderr()).contains("step 60/60", "loss");
        assertThat(console.stdout()).contains("final loss", "sample it with: ./diffuse4j sample --model " + model);

        assertThat(Main.execute("sample", "--model", model.toString(), "--count", "50", "--out", dir.resolve("s").toString()))
                .as(console.stderr()).isZero();
        assertThat(Files.readAllLines(dir.resolve("s").resolve("samples.csv"))).hasSize(51);

        assertThat(Main.execute("train", "--out", model.toString(), "--steps", "5")).isEqualTo(2);
        assertThat(console.stderr()).contains("already holds a model; pass --force");
    }

    @Test void consistencyDistillationFromAShippedTeacher(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("cm");
        int code = Main.execute("train", "--out", model.toString(), "--objective", "consistency", "--teacher", "ring2d-eps",
                "--levels", "6", "--steps", "20", "--batch", "64", "--hidden", "16", "--layers", "2");
        assertThat(code).as(console.stderr()).isZero();
        ModelCard card = ModelCards.read(model);
        assertThat(card.prediction()).isEqualTo("data");
        assertThat(card.training().teacher()).isEqualTo(new ModelCard.Teacher("ring2d-eps", "ddim", 6, 4, 0.95));
        assertThat(Main.execute("sample", "--model", model.toString(), "--steps", "1", "--count", "20", "--out", dir.toString()))
                .as(console.stderr()).isZero();
        assertThat(Main.execute("train", "--out", dir.resolve("x").toString(), "--objective", "consistency")).isEqualTo(2);
        assertThat(console.stderr()).contains("needs --teacher");
    }

    @Test void aConsistencyModelIsSampledWithTheConsistencySamplerByDefault(@TempDir Path dir) throws Exception {
        assertThat(Main.execute("sample", "--model", "ring2d-cm", "--count", "50", "--out", dir.toString())).as(console.stderr()).isZero();
        assertThat(console.stderr()).contains("consistency model: sampling it with the consistency sampler");
        assertThat(console.stdout()).contains("consistency: 50 samples", "(2 steps, 2 model calls)");
        assertThat(Main.execute("sample", "--model", "ring2d-cm", "--solver", "dpmpp-2m", "--steps", "2", "--out", dir.toString())).isZero();
        assertThat(console.stderr()).contains("note: ring2d-cm is a consistency model; dpmpp-2m reads its output");
    }
}
