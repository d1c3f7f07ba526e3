package com.chengshi.hotline.agi;

import com.chengshi.hotline.flow.CallDetails;
import org.asteriskjava.fastagi.AgiRequest;

import java.time.Instant;

import java.util.HashMap;
import java.util.Map;

/**
 * The options a dialplan passes to the hotline script: in the AGI URL's query
 * ({@code agi://host/hotline?seat=7&lang=zh-CN}) or as {@code key=value} AGI arguments
 * ({@code AGI(agi://host/hotline,seat=7,lang=zh-CN)}); an argument wins over the query.
 */
public final class AgiOptions {

    private AgiOptions() {
    }

    static Map<String, String> of(AgiRequest request) {
        Map<String, String> options = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length > 0) {
                options.put(name, values[0]);
            }
        });
        String[] arguments = request.getArguments();
        if (arguments != null) {
            for (String argument : arguments) {
                int equals = argument == null ? -1 : argument.indexOf('=');
                if (equals > 0) {
                    options.put(argument.substring(0, equals).trim(), argument.substring(equals + 1).trim());
                }
            }
        }
        return options;
    }

    /**
     * §15: which callback request and attempt a call back is, as the dialer passes it
     * ({@code ?request=42&attempt=1&requested=<epoch seconds>&by=<node>}), or null when any of it is missing or
     * malformed.
     */
    static CallDetails.CallbackAttempt callbackAttempt(Map<String, String> options) {
        String request = options.get("request");
        String attempt = options.get("attempt");
        String requested = options.get("requested");
        String by = options.get("by");
        if (request == null || !request.matches("[0-9]{1,18}") || attempt == null || !attempt.matches("[0-9]{1,4}")
                || requested == null || !requested.matches("[0-9]{1,12}") || by == null || by.isBlank()) {
            return null;
        }
        return new CallDetails.CallbackAttempt(Long.parseLong(request), Integer.parseInt(attempt),
                Instant.ofEpochSecond(Long.parseLong(requested)), by.strip());
    }

    /** The seat number, or {@code fallback} when it is missing or not a seat number. */
    static int seat(String value, int fallback) {
        return isSeat(value) ? Integer.parseInt(value) : fallback;
    }

    /** A seat number the app takes: 1 to 9999. */
    public static boolean isSeat(String value) {
        return value != null && value.matches("[0-9]{1,4}") && Integer.parseInt(value) > 0;
    }
}
