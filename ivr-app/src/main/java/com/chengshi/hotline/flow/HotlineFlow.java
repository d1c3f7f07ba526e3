package com.chengshi.hotline.flow;

import com.chengshi.hotline.calllog.CallDetails;
import com.chengshi.hotline.calllog.CallJournal;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/** The phone-service standard as a call flow: one {@link Conversation} per call. */
@Component
@ConditionalOnProperty(name = "hotline.serve-calls", matchIfMissing = true)
public class HotlineFlow {

    private final FlowProperties settings;
    private final List<FlowProperties.Option> menu;
    private final LineCheck lineCheck;
    private final Clock clock;

    public HotlineFlow(FlowProperties settings, LineCheck lineCheck, Clock clock) {
        this.settings = settings;
        this.lineCheck = lineCheck;
        this.clock = clock;
        this.menu = settings.menu().parsedOptions();
    }

    /**
     * Serves one call to its end. Returns normally when the call is over, however it ended; the journal says how.
     */
    public void serve(CallPort call, CallJournal journal, CallDetails details) {
        new Conversation(call, journal, settings, menu, lineCheck, clock, details).run();
    }

    /** Tells a caller we cannot take that all lines are busy (§8), and lets them hang up first (§17). */
    public void refuseBusy(CallPort call, CallJournal journal, CallDetails details) {
        new Conversation(call, journal, settings, menu, lineCheck, clock, details).allLinesBusy();
    }
}
