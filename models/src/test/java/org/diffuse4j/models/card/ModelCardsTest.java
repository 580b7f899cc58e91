package org.diffuse4j.models.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardsTest {
    private static ModelCard card() {
        return new ModelCard(null, "m", "a model", ScheduleSpec.named("ddpm-linear"), "eps", TimeConditioning.TIMESTEP, null, List.of(2),
                ModelCard.Signature.DEFAULT.withLabel("label"), new ModelCard.ClassConditioning(8, 8, "mixture component index"), new ModelCard.DataSource("gmm2d-ring", null, null),
                new ModelCard.Training("./diffuse4j train --out m", 1L, 100, 64, "epsilon", "uniform", null, "discrete-uniform", 2e-3,
                        "cosine", 0.1, new ModelCard.Network("mlp", 16, 2, 8, 1, 500L), null),
                new ModelCard.Figures(0.5, 0.6, 1.0, 500L)).withTraining(null).withFigures(null);
    }

    @Test void roundTripsThroughJsonWithSnakeCaseNames(@TempDir Path dir) throws Exception {
        ModelCard c = new ModelCard(null, "m", null, ScheduleSpec.named("ddpm-linear"), "sample", TimeConditioning.C_NOISE,
                new Preconditioning(0.5, 0.002), List.of(2), ModelCard.Signature.DEFAULT, null, null, null, null);
        ModelCards.write(dir, c);
        String json = Files.readString(dir.resolve(ModelCards.FILE_NAME));
        assertThat(json).contains("\"time_conditioning\" : \"c_noise\"", "\"beta_schedule\" : \"linear\"", "\"sigma_data\" : 0.5",
                "\"type\" : \"discrete-vp\"").doesNotContain("betas", "null");
        assertThat(ModelCards.read(dir)).isEqualTo(c.withTraining(null));
        assertThat(ModelCards.read(dir).target()).isEqualTo(Prediction.DATA);
    }

    @Test void normalisesThePredictionAndDefaultsTheSignature() {
        ModelCard c = card();
        assertThat(c.prediction()).isEqualTo("epsilon");
        assertThat(c.format()).isEqualTo(ModelCard.FORMAT);
        assertThat(c.signature().key()).isEqualTo("serving_default");
        assertThat(c.shape()).containsExactly(2);
    }

    @Test void schedulesBuildFromDiffusersVocabularyOrExplicitBetas() {
        DiscreteVpSchedule named = (DiscreteVpSchedule) ScheduleSpec.named("sd-scaled-linear").build();
        assertThat(named.trainSteps()).isEqualTo(1000);
        double[] betas = ((ScheduleSpec.DiscreteVp) ScheduleSpec.named("sd-scaled-linear")).betaTable();
        var explicit = new ScheduleSpec.DiscreteVp(null, null, null, null, java.util.Arrays.stream(betas).boxed().toList());
        assertThat(explicit.build().alphasCumprod()).containsExactly(named.alphasCumprod());
        assertThat(ScheduleSpec.named("rectified-flow").build()).isEqualTo(new RectifiedFlowSchedule(1));
        assertThat(ScheduleSpec.named("cosine").build()).isInstanceOf(DiscreteVpSchedule.class);
        assertThatThrownBy(() -> ScheduleSpec.named("linear")).hasMessageContaining("ddpm-linear");
        assertThatThrownBy(() -> new ScheduleSpec.DiscreteVp("linear", 1e-4, 0.02, 1000, List.of(0.1)))
                .hasMessageContaining("exactly one of beta_schedule or betas");
    }

    @Test void missingDirectoryAndMissingCardNameThePath(@TempDir Path dir) {
        Path nowhere = dir.resolve("nowhere");
        assertThatThrownBy(() -> ModelCards.read(nowhere)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining(nowhere.toString()).hasMessageContaining("no such directory");
        assertThatThrownBy(() -> ModelCards.read(dir)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("no diffuse4j.json");
    }

    @Test void malformedCardsNameTheFileAndTheField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(ModelCards.FILE_NAME);
        Files.writeString(file, "{ \"schedule\": ");
        assertThatThrownBy(() -> ModelCards.read(dir)).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("malformed");

        String good = ModelCards.toJson(card());
        Files.writeString(file, good.replace("\"prediction\"", "\"predicton\""));
        assertThatThrownBy(() -> ModelCards.read(dir)).hasMessageContaining(file.toString()).hasMessageContaining("predicton");

        Files.writeString(file, good.replace("\"epsilon\"", "\"noise_level\""));
        assertThatThrownBy(() -> ModelCards.read(dir)).hasMessageContaining(file.toString()).hasMessageContaining("noise_level");

        Files.writeString(file, good.replace("\"timestep\"", "\"seconds\""));
        assertThatThrownBy(() -> ModelCards.read(dir)).hasMessageContaining("seconds").hasMessageContaining("c_noise");

        Files.writeString(file, good.replace("\"data_shape\" : [ 2 ]", "\"data_shape\" : [ ]"));
        assertThatThrownBy(() -> ModelCards.read(dir)).hasMessageContaining("data_shape");
    }

    @Test void preconditioningRequiresADataPredictionAndNullClassMustNotBeARealClass() {
        assertThatThrownBy(() -> new ModelCard(null, "m", null, ScheduleSpec.named("ve"), "epsilon", TimeConditioning.SIGMA,
                new Preconditioning(0.5, 0), List.of(2), null, null, null, null, null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("prediction must be 'data'");
        assertThatThrownBy(() -> new ModelCard.ClassConditioning(8, 3, null)).hasMessageContaining("null_class");
        assertThat(new ModelCard.ClassConditioning(8, 8, null).labelCount()).isEqualTo(9);
    }
}
