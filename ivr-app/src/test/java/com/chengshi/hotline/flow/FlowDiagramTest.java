package com.chengshi.hotline.flow;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/flow.md draws the step table as it is: every step, every arrow its situation may take, and nothing else. */
class FlowDiagramTest {

    private static final Path FLOW_DOC = Path.of("../docs/flow.md");

    /** The machine in Mermaid, from the table: steps no situation leads to are where calls start. */
    static String diagram() {
        Set<Step> reached = EnumSet.noneOf(Step.class);
        Arrays.stream(Step.values()).forEach(step -> reached.addAll(step.situation().leadsTo()));
        StringBuilder mermaid = new StringBuilder("stateDiagram-v2\n");
        for (Step step : Step.values()) {
            mermaid.append("    ").append(step.name()).append(": ").append(step.id()).append('\n');
        }
        for (Step step : Step.values()) {
            if (!reached.contains(step)) {
                mermaid.append("    [*] --> ").append(step.name()).append('\n');
            }
        }
        for (Step step : Step.values()) {
            Set<Step> next = EnumSet.noneOf(Step.class);
            next.addAll(step.situation().leadsTo());
            next.forEach(to -> mermaid.append("    ").append(step.name()).append(" --> ").append(to.name())
                            .append('\n'));
            if (step.situation().mayEndTheCall()) {
                mermaid.append("    ").append(step.name()).append(" --> [*]\n");
            }
        }
        return mermaid.toString();
    }

    @Test
    void theDrawingInDocsFlowIsTheStepTable() throws IOException {
        String doc = Files.readString(FLOW_DOC);
        int start = doc.indexOf("```mermaid\n") + "```mermaid\n".length();
        String drawn = doc.substring(start, doc.indexOf("```", start));
        if (System.getProperty("hotline.regenerate") != null) {
            Files.writeString(FLOW_DOC, doc.substring(0, start) + diagram() + doc.substring(start + drawn.length()));
        }

        assertThat(drawn).as("docs/flow.md's diagram; paste this in its place:%n%s", diagram()).isEqualTo(diagram());
    }

    @Test
    void everyStepCanBeReachedFromWhereCallsStart() {
        Set<Step> starts = EnumSet.of(Step.GREETING, Step.ALL_LINES_BUSY);
        Set<Step> seen = EnumSet.copyOf(starts);
        for (int pass = 0; pass < Step.values().length; pass++) {
            seen.addAll(seen.stream().flatMap(step -> step.situation().leadsTo().stream())
                    .collect(Collectors.toSet()));
        }
        assertThat(seen).containsExactlyInAnyOrder(Step.values());
    }
}
