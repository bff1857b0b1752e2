package com.aiceo.events.platform;

import com.aiceo.events.Event;
import com.aiceo.events.EventName;
import com.aiceo.events.Keyed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Schedule ticks, on {@code platform.ticks}, keyed by the minute. */
public sealed interface PlatformTick extends Event {

    /**
     * One tick per minute. Every producer derives the same envelope id from the minute
     * ({@link #idFor(Instant)}), so consumers de-duplicate ticks from several instances.
     */
    @EventName("platform.tick.minute")
    record MinuteTick(Instant minute) implements PlatformTick, Keyed {
        public MinuteTick {
            minute = minute.truncatedTo(ChronoUnit.MINUTES);
        }

        @Override
        public String key() {
            return minute.toString();
        }

        public boolean isTopOfHour() {
            return minute.truncatedTo(ChronoUnit.HOURS).equals(minute);
        }

        public static UUID idFor(Instant minute) {
            return UUID.nameUUIDFromBytes(("tick:" + minute.truncatedTo(ChronoUnit.MINUTES))
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
