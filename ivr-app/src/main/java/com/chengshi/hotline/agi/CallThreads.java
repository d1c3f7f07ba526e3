package com.chengshi.hotline.agi;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads calls run on: one virtual thread per call on JDK 21+, looked up reflectively because the code is
 * compiled for Java 17; one platform thread per call before that.
 */
final class CallThreads {

    private CallThreads() {
    }

    static ExecutorService executor() {
        if (Runtime.version().feature() >= 21) {
            try {
                return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("JDK " + Runtime.version() + " has no virtual threads", e);
            }
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory named = r -> {
            Thread thread = new Thread(r, "agi-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newCachedThreadPool(named);
    }

    static String describe() {
        return Runtime.version().feature() >= 21 ? "virtual threads" : "platform threads";
    }
}
