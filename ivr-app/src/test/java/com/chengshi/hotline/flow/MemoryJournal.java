package com.chengshi.hotline.flow;


import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A call's record kept in memory, for flow tests. */
final class MemoryJournal implements CallJournal {

    final List<String> steps = new ArrayList<>();
    final List<String> questionsWithoutNumber = new ArrayList<>();
    final List<String> complaints = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    Satisfaction satisfaction;
    final Map<Retry, Integer> retries = new EnumMap<>(Retry.class);
    final List<String> callbacks = new ArrayList<>();
    Outcome outcome;
    HungUpBy hungUpBy;
    String endedInStep;
    private String step = "connected";

    @Override
    public void answered() {
    }

    @Override
    public void step(String step) {
        this.step = step;
        steps.add(step);
    }

    @Override
    public void prompt(String promptId) {
    }

    @Override
    public void digits(String digits) {
    }

    @Override
    public void heard(LineReport report) {
    }

    @Override
    public void note(String detail) {
        notes.add(detail);
    }

    @Override
    public void retry(Retry kind) {
        retries.merge(kind, 1, Integer::sum);
    }

    @Override
    public void callbackRequested(FollowUp kind, String callbackNumber, String recording) {
        (kind == FollowUp.COMPLAINT ? complaints : callbacks).add(callbackNumber);
    }

    @Override
    public void questionWithoutNumber(FollowUp kind, String recording) {
        questionsWithoutNumber.add(recording);
    }

    @Override
    public void rated(Satisfaction answer) {
        satisfaction = answer;
    }

    @Override
    public void ended(Outcome outcome, HungUpBy hungUpBy) {
        if (this.outcome == null) {
            this.outcome = outcome;
            this.hungUpBy = hungUpBy;
            this.endedInStep = step;
        }
    }

    @Override
    public String currentStep() {
        return step;
    }

    @Override
    public Outcome outcome() {
        return outcome;
    }
}
