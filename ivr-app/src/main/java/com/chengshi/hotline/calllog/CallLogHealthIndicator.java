package com.chengshi.hotline.calllog;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code callLog}: DOWN while the call log takes no writes (a full disk, a closed database), with why and how
 * many writes are kept in memory meanwhile. Calls are still served; what they write is stored once it can be.
 */
@Component
class CallLogHealthIndicator implements HealthIndicator {

    private final CallLog callLog;

    CallLogHealthIndicator(CallLog callLog) {
        this.callLog = callLog;
    }

    @Override
    public Health health() {
        return callLog.failing()
                .map(why -> Health.down().withDetail("error", why).withDetail("keptWrites", callLog.keptWrites()))
                .orElseGet(() -> Health.up().withDetail("keptWrites", 0)).build();
    }
}
