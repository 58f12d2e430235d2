package io.trays3.support;

import java.util.HashMap;
import java.util.Map;

/** Sets system properties for one test and puts the old values back when closed. */
public final class SystemProperties implements AutoCloseable {

    private final Map<String, String> previous = new HashMap<>();

    /** Sets the properties (name, value pairs; a null value clears the property). */
    public static SystemProperties set(String... namesAndValues) {
        SystemProperties properties = new SystemProperties();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String name = namesAndValues[i];
            properties.previous.put(name, System.getProperty(name));
            if (namesAndValues[i + 1] == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, namesAndValues[i + 1]);
            }
        }
        return properties;
    }

    @Override
    public void close() {
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }
}
