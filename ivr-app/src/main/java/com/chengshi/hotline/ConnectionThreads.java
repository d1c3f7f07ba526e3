package com.chengshi.hotline;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the servers give each connection: one virtual thread per connection on JDK 21+, looked up
 * reflectively because the code is compiled for Java 17; one daemon platform thread per connection before that.
 */
public final class ConnectionThreads {

    private ConnectionThreads() {
    }

    /** @param name what platform threads are called, numbered from 1 */
    public static ExecutorService oneEach(String name) {
        if (Runtime.version().feature() >= 21) {
            try {
                return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("JDK " + Runtime.version() + " has no virtual threads", e);
            }
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory named = task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newCachedThreadPool(named);
    }

    public static String describe() {
        return Runtime.version().feature() >= 21 ? "virtual threads" : "platform threads";
    }
}
