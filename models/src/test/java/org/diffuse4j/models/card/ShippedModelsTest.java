package org.diffuse4j.models.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.diffuse4j.api.predict.Prediction;
import org.junit.jupiter.api.Test;

/** The models committed under models/shipped travel in the JAR, small, with complete cards. */
class ShippedModelsTest {
    static final List<String> NAMES = List.of("ring2d-eps", "ring2d-v", "ring2d-flow", "ring2d-cond", "ring2d-cm", "digits");

    @Test void everyShippedModelIsIndexedSmallAndCarded() throws IOException {
        assertThat(ShippedModels.names()).containsExactlyElementsOf(NAMES);
        for (String name : NAMES) {
            Path dir = ShippedModels.extract(name).orElseThrow();
            assertThat(Files.size(dir.resolve("saved_model.pb"))).as(name).isLessThan(1 << 20);
            ModelCard card = ModelCards.read(dir);
            assertThat(card.name()).isEqualTo(name);
            assertThat(card.data().problem()).isEqualTo(name.equals("digits") ? "digits" : "gmm2d-ring");
            assertThat(card.training().command()).startsWith("./diffuse4j train --out models/shipped/" + name + " ");
            assertThat(card.training().seed()).isNotNull();
            assertThat(card.figures().finalLoss()).isFinite();
            // the committed directory is the same model
            assertThat(Files.mismatch(dir.resolve("saved_model.pb"), Path.of("shipped", name, "saved_model.pb"))).isEqualTo(-1L);
        }
    }

    @Test void cardsDeclareTheTargetsTheirNamesPromise() {
        assertThat(card("ring2d-eps").target()).isEqualTo(Prediction.EPSILON);
        assertThat(card("ring2d-v").target()).isEqualTo(Prediction.V);
        assertThat(card("ring2d-flow").target()).isEqualTo(Prediction.VELOCITY);
        assertThat(card("ring2d-flow").schedule()).isInstanceOf(ScheduleSpec.RectifiedFlow.class);
        assertThat(card("ring2d-cond").conditioning()).isEqualTo(new ModelCard.ClassConditioning(8, 8, "mixture component index"));
        ModelCard cm = card("ring2d-cm");
        assertThat(cm.target()).isEqualTo(Prediction.DATA);
        assertThat(cm.preconditioning().sigmaMin()).isPositive();
        assertThat(cm.training().teacher().model()).isEqualTo("models/shipped/ring2d-eps");
        ModelCard digits = card("digits");
        assertThat(digits.dataShape()).containsExactly(1, 8, 8);
        assertThat(digits.training().network().kind()).isEqualTo("unet");
    }

    @Test void extractionIsReusedAndUnknownNamesAreRefusedListingTheShippedOnes() {
        assertThat(ShippedModels.extract("ring2d-eps")).isEqualTo(ShippedModels.extract("ring2d-eps"));
        assertThat(ShippedModels.extract("ring3d")).isEmpty();
        assertThatThrownBy(() -> ShippedModels.resolve("ring3d")).isInstanceOf(ModelDirectoryException.class)
                .hasMessageContaining("ring3d").hasMessageContaining("ring2d-eps, ring2d-v");
        assertThat(ShippedModels.resolve("shipped/ring2d-v")).isEqualTo(Path.of("shipped/ring2d-v"));
    }

    private static ModelCard card(String name) { return ModelCards.read(ShippedModels.extract(name).orElseThrow()); }
}
