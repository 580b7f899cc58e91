package com.example.solvers;

import java.util.stream.Stream;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.VeSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;

/** One schedule of every family the plugin's solvers support. */
final class Schedules {
    private Schedules() {}

    static Stream<Schedule> supported() {
        return Stream.of(VpLinearSchedule.standard(),
                DiscreteVpSchedule.fromBetas(Betas.scaledLinear(0.00085, 0.012, 1000)),
                VeSchedule.standard());
    }
}
