package com.chengshi.hotline;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} options of the benchmarks and fault runners, checked against their usage line. */
public final class RunOptions {

    private RunOptions() {
    }

    /** The options given, by name; one not named in {@code usage} (as {@code [--name ...]}) is refused. */
    public static Map<String, String> parse(String[] args, String usage) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!usage.contains("[" + args[i] + " ")) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; usage: " + usage);
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
