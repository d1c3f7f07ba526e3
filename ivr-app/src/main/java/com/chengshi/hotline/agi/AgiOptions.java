package com.chengshi.hotline.agi;

import org.asteriskjava.fastagi.AgiRequest;

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

    /** The seat number, or {@code fallback} when it is missing or not a seat number. */
    static int seat(String value, int fallback) {
        return isSeat(value) ? Integer.parseInt(value) : fallback;
    }

    /** A seat number the app takes: 1 to 9999. */
    public static boolean isSeat(String value) {
        return value != null && value.matches("[0-9]{1,4}") && Integer.parseInt(value) > 0;
    }
}
