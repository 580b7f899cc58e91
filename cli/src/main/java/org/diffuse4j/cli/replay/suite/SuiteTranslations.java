package org.diffuse4j.cli.replay.suite;

import java.util.Map;
import java.util.TreeMap;
import org.diffuse4j.cli.replay.ReplayException;

/** The diffusers scheduler classes whose test loops the suite replay can rebuild, one translation each. */
final class SuiteTranslations {
    private SuiteTranslations() {}

    /** Collects translations by scheduler class. */
    static final class Registry {
        private final Map<String, SchedulerTranslation> byClass = new TreeMap<>();

        void add(String schedulerClass, SchedulerTranslation t) {
            if (byClass.put(schedulerClass, t) != null) throw new IllegalStateException("two translations for " + schedulerClass);
        }
    }

    private static final Map<String, SchedulerTranslation> ALL = build();

    private static Map<String, SchedulerTranslation> build() {
        Registry r = new Registry();
        DdimFamily.register(r);
        DdpmFamily.register(r);
        SigmaFamily.register(r);
        DpmFamily.register(r);
        MultistepFamily.register(r);
        PndmFamily.register(r);
        EdmFamily.register(r);
        ConsistencyFamily.register(r);
        ScoreSdeFamily.register(r);
        return Map.copyOf(r.byClass);
    }

    /** The translation of a scheduler class, or a refusal listing the supported ones. */
    static SchedulerTranslation find(String schedulerClass) {
        SchedulerTranslation t = ALL.get(schedulerClass);
        if (t == null) {
            throw new ReplayException("no translation for this scheduler class; supported: " + String.join(", ", new java.util.TreeSet<>(ALL.keySet())));
        }
        return t;
    }
}
