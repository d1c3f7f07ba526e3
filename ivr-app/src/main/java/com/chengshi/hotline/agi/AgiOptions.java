package com.chengshi.hotline.agi;

import org.asteriskjava.fastagi.AgiRequest;

import java.util.HashMap;
import java.util.Map;

/**
 * The options a dialplan passes to the hotline script: in the AGI URL's query
 * ({@code agi://host/hotline?seat=7&lang=zh-CN}) or as {@code key=value} AGI arguments
 * ({@code AGI(agi://host/hotline,seat=7,lang=zh-CN)}); an argument wins over the query.
 */
final class AgiOptions {

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

    /** The seat number, or {@code fallback} when it is missing or not a positive number. */
    static int seat(String value, int fallback) {
        if (value == null || !value.matches("[0-9]{1,4}")) {
            return fallback;
        }
        int seat = Integer.parseInt(value);
        return seat > 0 ? seat : fallback;
    }
}
